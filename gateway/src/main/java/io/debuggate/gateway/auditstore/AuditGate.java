package io.debuggate.gateway.auditstore;

import io.debuggate.audit.AuditHealth;
import io.debuggate.audit.DurableAuditTrail;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether debugging may start now as far as the audit trail is concerned: not once it fails closed
 * (spool unwritable, or Elasticsearch away longer than the outage budget). The tunnel's handshake and
 * every pprof fetch ask here, so both refuse with the same words.
 */
@Component
public class AuditGate {

    private final DurableAuditTrail trail;

    AuditGate(DurableAuditTrail trail) {
        this.trail = trail;
    }

    /** Why debugging is refused right now, or empty when the trail records. */
    public Optional<String> refusal() {
        AuditHealth health = trail.health();
        if (!health.failClosed()) {
            return Optional.empty();
        }
        return Optional.of("the audit trail cannot record right now (" + health.lastError()
                + "); debugging is refused until it recovers — see /actuator/health");
    }
}
