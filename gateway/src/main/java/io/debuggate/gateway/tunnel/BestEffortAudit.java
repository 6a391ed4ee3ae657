package io.debuggate.gateway.tunnel;

import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.audit.AuditUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records events of actions that go ahead whether or not the trail takes them: cuts, teardowns,
 * refusals, the kill switch. They are the fail-closed direction, so an unavailable trail is logged,
 * never thrown. (Actions that need the record first — forwarding a request — use the trail itself.)
 */
final class BestEffortAudit {

    private static final Logger log = LoggerFactory.getLogger(BestEffortAudit.class);

    private final AuditTrail audit;

    BestEffortAudit(AuditTrail audit) {
        this.audit = audit;
    }

    /** @param doing what goes ahead regardless, for the log line, e.g. "cutting a session" */
    void record(AuditRecord event, String doing) {
        try {
            audit.record(event);
        } catch (AuditUnavailableException e) {
            log.error("audit unavailable, {} anyway action={} session={} target={} user={} error=\"{}\"", doing, event.action(),
                    event.sessionId(), event.target(), event.user(), e.getMessage());
        }
    }
}
