package io.debuggate.gateway.tunnel;

import io.debuggate.audit.AuditHealth;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.gateway.sessions.SessionGrant;
import java.util.Optional;

/**
 * Conditions outside the grant that keep a new debugger connection out: an audit trail that fails
 * closed (nothing may run unrecorded), a target whose health breaker is open.
 */
public class SessionAdmission {

    private final DurableAuditTrail trail;

    public SessionAdmission(DurableAuditTrail trail) {
        this.trail = trail;
    }

    Optional<String> refusal(SessionGrant grant) {
        AuditHealth health = trail.health();
        if (health.failClosed()) {
            return Optional.of("the audit trail cannot record right now (" + health.lastError()
                    + "); debugging is refused until it recovers — see /actuator/health");
        }
        return Optional.empty();
    }
}
