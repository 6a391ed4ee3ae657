package io.debuggate.approval.internal;

import io.debuggate.approval.ActionRefusedException;
import io.debuggate.approval.ApproverGroups;
import io.debuggate.approval.Caller;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.RequestState;
import io.debuggate.approval.Signature;
import io.debuggate.approval.SignatureDecision;
import io.debuggate.approval.event.GrantExpired;
import io.debuggate.approval.event.GrantRevoked;
import io.debuggate.approval.event.RequestExpired;
import io.debuggate.audit.AuditActions;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ending things: a revoke by a person, and the two timers of the process (approval TTL, grant
 * end). The timer methods run inside Flowable's job transaction; if the audit trail refuses, the
 * job fails and Flowable retries it, while {@link io.debuggate.approval.GrantService} and the
 * signature policy already treat the deadline as passed from the clock alone.
 */
public class GrantLifecycle {

    public static final String MAY_REVOKE = "may-revoke";
    public static final String GRANT_ACTIVE = "grant-active";

    private static final Logger log = LoggerFactory.getLogger(GrantLifecycle.class);

    private final RequestViews views;
    private final RequestStore requests;
    private final GrantStore grants;
    private final GrantCache grantCache;
    private final ApprovalProcess process;
    private final ApproverGroups groups;
    private final AuditedChanges changes;
    private final Clock clock;

    public GrantLifecycle(RequestViews views, RequestStore requests, GrantStore grants, GrantCache grantCache, ApprovalProcess process,
            ApproverGroups groups, AuditedChanges changes, Clock clock) {
        this.views = views;
        this.requests = requests;
        this.grants = grants;
        this.grantCache = grantCache;
        this.process = process;
        this.groups = groups;
        this.changes = changes;
        this.clock = clock;
    }

    /** Ends a grant now. Allowed for the requester, either approver and admins. */
    public DebugRequest revoke(Caller caller, String requestId, @Nullable String reason) {
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        return changes.run(requestId, () -> {
            RequestRecord record = views.load(requestId);
            DebugRequest view = views.view(record);
            if (!mayRevoke(caller, view)) {
                refuse(caller, record, MAY_REVOKE, caller.username() + " may not revoke " + requestId
                        + "; only the requester, one of its approvers or a member of '" + groups.admins() + "' may");
            }
            if (record.state() != RequestState.GRANTED) {
                refuse(caller, record, GRANT_ACTIVE, "request " + requestId + " is " + record.state()
                        + "; only a granted request can be revoked (a pending one is cancelled or rejected)");
            }
            Instant now = Timestamps.now(clock);
            RequestRecord next = requests.move(record, StateTransition.of(requestId, record.state(), RequestState.REVOKED), now);
            grants.end(requestId, GrantState.REVOKED, now, caller.username(), why);
            process.sendRevoked(record.requireProcessInstanceId());
            changes.recordBeforeCommit(ApprovalAudit.success(AuditActions.GRANT_REVOKED, caller.username(), next).reason(why).build());
            changes.afterCommit(() -> grantCache.invalidate(requestId));
            changes.publishAfterCommit(new GrantRevoked(requestId, record.requester(), record.draft().targetService(),
                    record.draft().targetInstance(), caller.username(), now));
            log.info("event=grant_revoked request={} by={}", requestId, caller.username());
            return views.view(next);
        });
    }

    /** Called by the approval-TTL timer. A request that is no longer pending is left alone. */
    public void expireRequest(String requestId) {
        RequestRecord record = views.load(requestId);
        if (!record.state().awaitsSignatures()) {
            log.info("event=request_expiry_skipped request={} state={}", requestId, record.state());
            return;
        }
        Instant now = Timestamps.now(clock);
        RequestRecord next = requests.move(record, StateTransition.of(requestId, record.state(), RequestState.EXPIRED), now);
        changes.recordBeforeCommit(ApprovalAudit.success(AuditActions.REQUEST_EXPIRED, ApprovalAudit.SYSTEM, next)
                .detail("approvalDeadline", record.approvalDeadline().toString()).build());
        changes.publishAfterCommit(new RequestExpired(requestId, record.requester(), record.approvalDeadline(), now));
        log.info("event=request_expired request={}", requestId);
    }

    /** Called by the grant-end timer. */
    public void expireGrant(String requestId) {
        RequestRecord record = views.load(requestId);
        if (record.state() != RequestState.GRANTED) {
            log.info("event=grant_expiry_skipped request={} state={}", requestId, record.state());
            return;
        }
        Instant now = Timestamps.now(clock);
        GrantRecord grant = grants.find(requestId).orElseThrow(() -> new IllegalStateException("request " + requestId + " is GRANTED without a grant row"));
        RequestRecord next = requests.move(record, StateTransition.of(requestId, record.state(), RequestState.EXPIRED), now);
        grants.end(requestId, GrantState.EXPIRED, now, ApprovalAudit.SYSTEM, "grant window ended");
        changes.recordBeforeCommit(ApprovalAudit.success(AuditActions.GRANT_EXPIRED, ApprovalAudit.SYSTEM, next)
                .detail("endsAt", grant.window().endsAt().toString()).build());
        changes.afterCommit(() -> grantCache.invalidate(requestId));
        changes.publishAfterCommit(new GrantExpired(requestId, record.requester(), record.draft().targetService(),
                record.draft().targetInstance(), grant.window().endsAt(), now));
        log.info("event=grant_expired request={}", requestId);
    }

    private boolean mayRevoke(Caller caller, DebugRequest request) {
        String user = caller.username();
        return user.equals(request.requester())
                || caller.inGroup(groups.admins())
                || request.validSignatures().stream()
                        .filter(s -> s.decision() == SignatureDecision.APPROVED)
                        .map(Signature::signer)
                        .anyMatch(user::equals);
    }

    private void refuse(Caller caller, RequestRecord record, String rule, String message) {
        changes.recordNow(ApprovalAudit.denied(AuditActions.ACCESS_DENIED, caller, record, rule, message));
        throw new ActionRefusedException(rule, message);
    }
}
