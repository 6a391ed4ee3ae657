package io.debuggate.approval.internal;

import io.debuggate.approval.ApproverGroups;
import io.debuggate.approval.Caller;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.GrantWindow;
import io.debuggate.approval.RequestState;
import io.debuggate.approval.SignOff;
import io.debuggate.approval.Signature;
import io.debuggate.approval.SignatureDecision;
import io.debuggate.approval.SignatureRefusedException;
import io.debuggate.approval.SignatureRole;
import io.debuggate.approval.event.GrantApproved;
import io.debuggate.approval.event.RequestRejected;
import io.debuggate.approval.policy.DualSignaturePolicy;
import io.debuggate.approval.policy.SignatureAttempt;
import io.debuggate.approval.policy.Violation;
import io.debuggate.audit.AuditActions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowable.task.api.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approve and reject. Identity rules are checked here, from the caller's token, before Flowable
 * is touched; a refusal is audited as {@code request.signature_denied} and nothing changes.
 */
public class SignatureDesk {

    private static final Logger log = LoggerFactory.getLogger(SignatureDesk.class);

    private final RequestViews views;
    private final RequestStore requests;
    private final SignatureStore signatures;
    private final GrantStore grants;
    private final ApprovalProcess process;
    private final DualSignaturePolicy policy;
    private final ApproverGroups groups;
    private final AuditedChanges changes;
    private final GrantCache grantCache;
    private final Clock clock;

    public SignatureDesk(RequestViews views, RequestStore requests, SignatureStore signatures, GrantStore grants,
            ApprovalProcess process, DualSignaturePolicy policy, ApproverGroups groups, AuditedChanges changes,
            GrantCache grantCache, Clock clock) {
        this.views = views;
        this.requests = requests;
        this.signatures = signatures;
        this.grants = grants;
        this.process = process;
        this.policy = policy;
        this.groups = groups;
        this.changes = changes;
        this.grantCache = grantCache;
        this.clock = clock;
    }

    public DebugRequest sign(Caller caller, String requestId, SignOff signOff, SignatureDecision decision) {
        return changes.run(requestId, () -> {
            RequestRecord record = views.load(requestId);
            Instant now = Timestamps.now(clock);
            Map<SignatureRole, Task> open = openTasks(record);
            SignatureRole role = signOff.role() != null ? signOff.role() : policy.chooseRole(caller, open.keySet());
            SignatureAttempt attempt = new SignatureAttempt(caller, views.view(record), role, decision, open.keySet(),
                    signOff.reviewedContentHash(), now);
            Optional<Violation> violation = policy.firstViolation(attempt);
            if (violation.isPresent()) {
                refuse(caller, record, role, decision, violation.get());
            }
            Signature signature = new Signature(role, caller.username(), groups.requiredGroup(role), decision, signOff.comment(),
                    record.contentHash(), now, null);
            signatures.insert(requestId, signature);
            Task task = open.get(role);
            if (decision == SignatureDecision.REJECTED) {
                reject(caller, record, signature, task, now);
            } else if (record.state() == RequestState.PENDING) {
                requests.move(record, StateTransition.of(requestId, record.state(), RequestState.PARTIALLY_SIGNED), now);
                process.complete(task, SignatureDecision.APPROVED, null);
                changes.recordBeforeCommit(signed(caller, record, signature));
            } else {
                grant(caller, record, signature, task, now);
            }
            log.info("event=request_signed request={} signer={} role={} decision={}", requestId, caller.username(), role, decision);
            return views.view(requestId);
        });
    }

    private void refuse(Caller caller, RequestRecord record, SignatureRole role, SignatureDecision decision, Violation v) {
        changes.recordNow(ApprovalAudit.denied(AuditActions.SIGNATURE_DENIED, caller, record, v.rule(), v.message()));
        log.warn("event=signature_denied request={} caller={} role={} decision={} rule={}", record.id(), caller.username(), role,
                decision, v.rule());
        throw new SignatureRefusedException(v.rule(), v.message());
    }

    private void reject(Caller caller, RequestRecord record, Signature signature, Task task, Instant now) {
        requests.move(record, StateTransition.of(record.id(), record.state(), RequestState.REJECTED), now);
        process.complete(task, SignatureDecision.REJECTED, null);
        changes.recordBeforeCommit(signed(caller, record, signature));
        changes.recordBeforeCommit(ApprovalAudit.success(AuditActions.REQUEST_REJECTED, caller.username(), record)
                .reason(signature.comment()).detail("role", signature.role().name()).build());
        changes.publishAfterCommit(new RequestRejected(record.id(), record.requester(), caller.username(), signature.role(), now));
    }

    private void grant(Caller caller, RequestRecord record, Signature signature, Task task, Instant now) {
        DebugRequest view = views.view(record);
        Integer minutes = record.draft().requestedDurationMinutes();
        GrantWindow window = new GrantWindow(now, now.plus(Duration.ofMinutes(minutes == null ? 0 : minutes)));
        requests.move(record, StateTransition.of(record.id(), record.state(), RequestState.GRANTED), now);
        grants.insert(new GrantRecord(record.id(), record.requester(), record.draft().targetService(), record.draft().targetInstance(),
                record.draft().tools(), record.draft().mode(), record.draft().pprofProfiles(), window, GrantState.ACTIVE,
                null, null, null));
        process.complete(task, SignatureDecision.APPROVED, window.endsAt());
        if (!process.inGrantPhase(record.requireProcessInstanceId())) {
            throw new IllegalStateException("request " + record.id() + " has both signatures but its process did not reach the grant phase");
        }
        // The view is read after this signature was inserted, so it lists both signers.
        List<String> approvers = view.validSignatures().stream().map(Signature::signer).toList();
        if (approvers.size() != 2 || !approvers.contains(signature.signer())) {
            throw new IllegalStateException("request " + record.id() + " would be granted with signatures of " + approvers);
        }
        changes.recordBeforeCommit(signed(caller, record, signature));
        changes.recordBeforeCommit(ApprovalAudit.success(AuditActions.REQUEST_APPROVED, caller.username(), record)
                .detail("approvers", approvers).detail("tools", record.draft().tools().stream().sorted().toList())
                .detail("mode", record.draft().mode()).detail("startsAt", window.startsAt().toString())
                .detail("endsAt", window.endsAt().toString()).build());
        changes.afterCommit(() -> grantCache.invalidate(record.id()));
        changes.publishAfterCommit(new GrantApproved(record.id(), record.requester(), record.draft().targetService(),
                record.draft().targetInstance(), record.draft().tools(), record.draft().mode(), window.startsAt(), window.endsAt(),
                approvers, now));
    }

    private static io.debuggate.audit.AuditRecord signed(Caller caller, RequestRecord record, Signature s) {
        return ApprovalAudit.success(AuditActions.REQUEST_SIGNED, caller.username(), record).reason(s.comment())
                .detail("role", s.role().name()).detail("group", s.group()).detail("decision", s.decision().name()).build();
    }

    private Map<SignatureRole, Task> openTasks(RequestRecord record) {
        Map<SignatureRole, Task> open = new EnumMap<>(SignatureRole.class);
        if (record.processInstanceId() == null || !record.state().awaitsSignatures()) {
            return open;
        }
        for (SignatureRole role : SignatureRole.values()) {
            process.openTask(record.processInstanceId(), role).ifPresent(task -> open.put(role, task));
        }
        return open;
    }
}
