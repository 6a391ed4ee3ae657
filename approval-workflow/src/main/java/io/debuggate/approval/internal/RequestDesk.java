package io.debuggate.approval.internal;

import io.debuggate.approval.ActionRefusedException;
import io.debuggate.approval.ApproverGroups;
import io.debuggate.approval.Caller;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.DebugRequestDraft;
import io.debuggate.approval.RequestState;
import io.debuggate.approval.SignatureRole;
import io.debuggate.approval.event.RequestCancelled;
import io.debuggate.approval.event.RequestSubmitted;
import io.debuggate.approval.event.SignatureRequested;
import io.debuggate.approval.request.ContentHasher;
import io.debuggate.approval.request.DraftValidator;
import io.debuggate.audit.AuditActions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the requester does to their own request: submit, edit (voiding signatures), cancel. */
public class RequestDesk {

    public static final String REQUESTER_ONLY = "requester-only";
    public static final String REQUEST_PENDING = "request-pending";

    private static final Logger log = LoggerFactory.getLogger(RequestDesk.class);

    private final RequestViews views;
    private final RequestStore requests;
    private final SignatureStore signatures;
    private final ApprovalProcess process;
    private final DraftValidator validator;
    private final ApproverGroups groups;
    private final Duration approvalTtl;
    private final AuditedChanges changes;
    private final Clock clock;

    public RequestDesk(RequestViews views, RequestStore requests, SignatureStore signatures, ApprovalProcess process,
            DraftValidator validator, ApproverGroups groups, Duration approvalTtl, AuditedChanges changes, Clock clock) {
        this.views = views;
        this.requests = requests;
        this.signatures = signatures;
        this.process = process;
        this.validator = validator;
        this.groups = groups;
        this.approvalTtl = approvalTtl;
        this.changes = changes;
        this.clock = clock;
    }

    public DebugRequest create(Caller caller, DebugRequestDraft raw) {
        DebugRequestDraft draft = validator.validate(raw);
        String hash = ContentHasher.hash(draft);
        String id = Ids.requestId();
        return changes.run(id, () -> {
            Instant now = Timestamps.now(clock);
            Instant deadline = now.plus(approvalTtl);
            RequestRecord record = new RequestRecord(id, caller.username(), draft, hash, RequestState.PENDING, now, deadline, now, null, 0);
            requests.insert(record);
            record = requests.attachProcess(record, process.start(id, deadline, groups));
            changes.recordBeforeCommit(ApprovalAudit.success(AuditActions.REQUEST_CREATED, caller.username(), record)
                    .reason(draft.reason()).detail("ticket", draft.ticket()).detail("tools", draft.tools().stream().sorted().toList())
                    .detail("mode", draft.mode()).detail("requestedDurationMinutes", draft.requestedDurationMinutes())
                    .detail("approvalDeadline", deadline.toString()).build());
            changes.publishAfterCommit(new RequestSubmitted(id, caller.username(), draft.targetService(), draft.targetInstance(),
                    draft.tools(), draft.mode(), hash, deadline, now));
            requestSignatures(record, now);
            log.info("event=request_created request={} requester={} target={} mode={}", id, caller.username(), record.target(), draft.mode());
            return views.view(record);
        });
    }

    /** Replaces the content. Any signature already given is voided and both tasks start again. */
    public DebugRequest edit(Caller caller, String requestId, DebugRequestDraft raw) {
        return changes.run(requestId, () -> {
            RequestRecord record = views.load(requestId);
            requireRequester(caller, record, "edit");
            requirePending(caller, record, "edited", "submit a new request instead");
            DebugRequestDraft draft = validator.validate(raw);
            String hash = ContentHasher.hash(draft);
            if (hash.equals(record.contentHash())) {
                return views.view(record);
            }
            Instant now = Timestamps.now(clock);
            String oldHash = record.contentHash();
            int voided = signatures.voidAll(requestId, now);
            if (record.state() == RequestState.PARTIALLY_SIGNED) {
                record = requests.move(record, StateTransition.of(requestId, record.state(), RequestState.PENDING), now);
            }
            record = requests.replaceDraft(record, draft, hash, now);
            if (voided > 0) {
                process.sendEdited(record.requireProcessInstanceId());
                requestSignatures(record, now);
            }
            changes.recordBeforeCommit(ApprovalAudit.success(ApprovalAudit.REQUEST_EDITED, caller.username(), record)
                    .reason(draft.reason()).detail("previousContentHash", oldHash).detail("voidedSignatures", voided).build());
            log.info("event=request_edited request={} voided_signatures={}", requestId, voided);
            return views.view(record);
        });
    }

    public DebugRequest cancel(Caller caller, String requestId) {
        return changes.run(requestId, () -> {
            RequestRecord record = views.load(requestId);
            requireRequester(caller, record, "cancel");
            requirePending(caller, record, "cancelled", "revoke the grant instead");
            Instant now = Timestamps.now(clock);
            RequestRecord next = requests.move(record, StateTransition.of(requestId, record.state(), RequestState.CANCELLED), now);
            process.sendCancelled(record.requireProcessInstanceId());
            changes.recordBeforeCommit(ApprovalAudit.success(AuditActions.REQUEST_CANCELLED, caller.username(), next).build());
            changes.publishAfterCommit(new RequestCancelled(requestId, record.requester(), now));
            log.info("event=request_cancelled request={}", requestId);
            return views.view(next);
        });
    }

    private void requestSignatures(RequestRecord record, Instant now) {
        for (SignatureRole role : SignatureRole.values()) {
            changes.publishAfterCommit(new SignatureRequested(record.id(), record.requester(), role, groups.requiredGroup(role),
                    record.draft().targetService(), record.draft().targetInstance(), record.approvalDeadline(), now));
        }
    }

    private void requireRequester(Caller caller, RequestRecord record, String verb) {
        if (!caller.username().equals(record.requester())) {
            refuse(caller, record, REQUESTER_ONLY, "only the requester " + record.requester() + " may " + verb + " request "
                    + record.id() + "; " + caller.username() + " is not the requester");
        }
    }

    private void requirePending(Caller caller, RequestRecord record, String participle, String fix) {
        if (!record.state().awaitsSignatures()) {
            refuse(caller, record, REQUEST_PENDING, "request " + record.id() + " is " + record.state() + "; only a pending request can be "
                    + participle + " — " + fix);
        }
    }

    private void refuse(Caller caller, RequestRecord record, String rule, String message) {
        changes.recordNow(ApprovalAudit.denied(AuditActions.ACCESS_DENIED, caller, record, rule, message));
        throw new ActionRefusedException(rule, message);
    }
}
