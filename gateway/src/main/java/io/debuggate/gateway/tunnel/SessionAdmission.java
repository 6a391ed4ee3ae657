package io.debuggate.gateway.tunnel;

import io.debuggate.audit.AuditHealth;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.gateway.health.TargetHealthGate;
import io.debuggate.gateway.sessions.SessionGrant;
import java.util.Optional;

/**
 * Conditions outside the grant that keep a new debugger connection out: an audit trail that fails
 * closed (nothing may run unrecorded), a target whose health breaker is open.
 */
public class SessionAdmission {

    private final DurableAuditTrail trail;
    private final TargetHealthGate health;

    public SessionAdmission(DurableAuditTrail trail, TargetHealthGate health) {
        this.trail = trail;
        this.health = health;
    }

    Optional<String> refusal(SessionGrant grant) {
        AuditHealth audit = trail.health();
        if (audit.failClosed()) {
            return Optional.of("the audit trail cannot record right now (" + audit.lastError()
                    + "); debugging is refused until it recovers — see /actuator/health");
        }
        return health.refusalReason(grant.grant());
    }
}
