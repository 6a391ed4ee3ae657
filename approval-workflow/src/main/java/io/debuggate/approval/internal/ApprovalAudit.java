package io.debuggate.approval.internal;

import io.debuggate.approval.Caller;
import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;

/**
 * Builds the audit events of the approval workflow. Free text (reason, comments) goes into
 * fields the trail masks; ids, names and hashes go into details for auditors' searches.
 */
final class ApprovalAudit {

    /** The acting user for changes made by timers. */
    static final String SYSTEM = "system";
    /** An edit voids signatures. */
    static final String REQUEST_EDITED = AuditActions.REQUEST_EDITED;

    private ApprovalAudit() {
    }

    static AuditRecord.Builder success(String action, String user, RequestRecord r) {
        return AuditRecord.of(action, AuditOutcome.SUCCESS, user).request(r.id()).target(r.target())
                .detail("requester", r.requester()).detail("contentHash", r.contentHash());
    }

    static AuditRecord denied(String action, Caller caller, RequestRecord r, String rule, String message) {
        return AuditRecord.of(action, AuditOutcome.DENIED, caller.username()).request(r.id()).target(r.target())
                .reason(message).detail("rule", rule).detail("requester", r.requester())
                .detail("callerGroups", caller.groups().stream().sorted().toList()).build();
    }
}
