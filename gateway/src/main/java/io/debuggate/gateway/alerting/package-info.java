/**
 * Alerts to people: webhook sinks (generic JSON, Slack-compatible, DingTalk-compatible) with retry
 * and exponential backoff; what cannot be delivered is appended to a dead-letter log
 * ({@code <debuggate.home>/alerts/dead-letter.jsonl}) so no alert is silently lost. Sinks are
 * configured under {@code debuggate.alerting.*} ({@link io.debuggate.gateway.alerting.AlertingProperties}).
 */
@NullMarked
package io.debuggate.gateway.alerting;

import org.jspecify.annotations.NullMarked;
