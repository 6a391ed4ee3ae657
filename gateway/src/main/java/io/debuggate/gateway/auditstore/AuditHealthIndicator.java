package io.debuggate.gateway.auditstore;

import io.debuggate.audit.AuditHealth;
import io.debuggate.audit.DurableAuditTrail;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health says what the product does about its audit store: UP while events ship, UP with
 * state DEGRADED while Elasticsearch is unreachable but the spool holds events within the outage
 * budget (sessions continue), DOWN once the gateway fails closed.
 */
@Component("audit")
class AuditHealthIndicator implements HealthIndicator {

    private final DurableAuditTrail trail;

    AuditHealthIndicator(DurableAuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public Health health() {
        AuditHealth h = trail.health();
        Health.Builder builder = h.failClosed() ? Health.down() : Health.up();
        builder.withDetail("state", h.state().name())
                .withDetail("instance", h.instance())
                .withDetail("recordedSequence", h.recordedSequence())
                .withDetail("shippedSequence", h.shippedSequence())
                .withDetail("pending", h.pending())
                .withDetail("spoolWritable", h.spoolWritable())
                .withDetail("unreachableFor", h.unreachableFor().toString());
        if (h.lastError() != null) {
            builder.withDetail("lastError", h.lastError());
        }
        return builder.build();
    }
}
