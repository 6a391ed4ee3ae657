/**
 * Webhooks for people: "awaiting your signature", approved, rejected, expired, revoked — as generic
 * JSON or a Slack-compatible {@code {"text": ...}} body — posted from a background executor with
 * retry and back-off. A failing webhook is logged and never blocks or fails the workflow.
 */
@NullMarked
package io.debuggate.approval.notify;

import org.jspecify.annotations.NullMarked;
