package io.debuggate.gateway.tunnel;

import io.debuggate.gateway.auditstore.AuditGate;
import io.debuggate.gateway.health.TargetHealthGate;
import io.debuggate.gateway.sessions.SessionGrant;
import java.util.Optional;

/**
 * Conditions outside the grant that keep a new debugger connection out: an audit trail that fails
 * closed (nothing may run unrecorded), a target whose health breaker is open.
 */
public class SessionAdmission {

    private final AuditGate audit;
    private final TargetHealthGate health;

    public SessionAdmission(AuditGate audit, TargetHealthGate health) {
        this.audit = audit;
        this.health = health;
    }

    Optional<String> refusal(SessionGrant grant) {
        Optional<String> unrecorded = audit.refusal();
        return unrecorded.isPresent() ? unrecorded : health.refusalReason(grant.grant());
    }
}
