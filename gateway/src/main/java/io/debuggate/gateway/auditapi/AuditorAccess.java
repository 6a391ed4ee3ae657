package io.debuggate.gateway.auditapi;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.gateway.identity.CurrentCaller;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may read the audit trail: members of {@code auditors} or {@code admins}, as the verified
 * token (or the UI login) says. A refusal is itself recorded, so probing the trail leaves a trace.
 */
@Component
public class AuditorAccess {

    /** Groups whose members may search, replay, verify and export. */
    public static final List<String> GROUPS = List.of("auditors", "admins");

    private static final Logger log = LoggerFactory.getLogger(AuditorAccess.class);

    private final AuditTrail audit;

    AuditorAccess(AuditTrail audit) {
        this.audit = audit;
    }

    public static boolean mayAudit(CurrentCaller caller) {
        return GROUPS.stream().anyMatch(caller::inGroup);
    }

    /**
     * @param what what the caller tried, in words ("search the audit trail")
     * @throws AuditorOnlyException when the caller may not
     */
    public CurrentCaller require(Authentication authentication, String what) {
        CurrentCaller caller = CurrentCaller.from(authentication);
        if (mayAudit(caller)) {
            return caller;
        }
        AuditorOnlyException refusal = new AuditorOnlyException(caller, what);
        try {
            audit.record(AuditRecord.of(AuditActions.ACCESS_DENIED, AuditOutcome.DENIED, caller.username())
                    .reason(refusal.getMessage()).detail("rule", AuditorOnlyException.RULE).detail("tried", what)
                    .build());
        } catch (AuditUnavailableException e) {
            // the refusal stands whether or not it could be recorded
            log.warn("event=audit_access_denied_unrecorded user={} reason=\"{}\"", caller.username(), e.getMessage());
        }
        throw refusal;
    }
}
