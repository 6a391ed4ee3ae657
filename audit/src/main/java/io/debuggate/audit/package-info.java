/**
 * The audit trail's public face: {@link io.debuggate.audit.AuditTrail} and its records, the event
 * catalogue {@link io.debuggate.audit.AuditActions}, and the durable implementation
 * {@link io.debuggate.audit.DurableAuditTrail} (mask, chain, spool, ship) with its health report.
 * Nulls are explicit (JSpecify).
 */
@NullMarked
package io.debuggate.audit;

import org.jspecify.annotations.NullMarked;
