/**
 * Past-tense events the approval workflow publishes through Spring's
 * {@code ApplicationEventPublisher}, always after the change has committed and been audited.
 * The gateway listens to {@link io.debuggate.approval.event.GrantRevoked} and
 * {@link io.debuggate.approval.event.GrantExpired} to tear sessions down; the notifier turns
 * them into webhooks. Events carry ids and names, never the free-text reason (it may hold customer data).
 */
@NullMarked
package io.debuggate.approval.event;

import org.jspecify.annotations.NullMarked;
