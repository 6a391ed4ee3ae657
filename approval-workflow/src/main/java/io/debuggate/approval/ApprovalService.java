package io.debuggate.approval;

import io.debuggate.approval.internal.GrantLifecycle;
import io.debuggate.approval.internal.RequestDesk;
import io.debuggate.approval.internal.RequestQueries;
import io.debuggate.approval.internal.SignatureDesk;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything people do with debug requests. Every state change is audited before it commits
 * (if the trail is down, nothing changes and {@link io.debuggate.audit.AuditUnavailableException}
 * is thrown) and announced with a past-tense event after it commits.
 *
 * <p>Exceptions map to HTTP: {@link RequestValidationException} 400, {@link ActionRefusedException}
 * and {@link SignatureRefusedException} 403, {@link RequestNotFoundException} 404,
 * {@link ConcurrentRequestChangeException} and {@link IllegalStateTransitionException} 409,
 * {@code AuditUnavailableException} 503.
 */
public class ApprovalService {

    private final RequestDesk requests;
    private final SignatureDesk signatures;
    private final GrantLifecycle grants;
    private final RequestQueries queries;

    public ApprovalService(RequestDesk requests, SignatureDesk signatures, GrantLifecycle grants, RequestQueries queries) {
        this.requests = requests;
        this.signatures = signatures;
        this.grants = grants;
        this.queries = queries;
    }

    /** Validates (all field errors at once), stores, starts the process and asks both leads to sign. */
    public DebugRequest create(Caller caller, DebugRequestDraft draft) {
        return requests.create(caller, draft);
    }

    /** Signs the one task the caller may sign (dev lead first for members of both groups). */
    public DebugRequest approve(Caller caller, String requestId, String comment) {
        return approve(caller, requestId, SignOff.withComment(comment));
    }

    public DebugRequest approve(Caller caller, String requestId, SignOff signOff) {
        return signatures.sign(caller, requestId, signOff, SignatureDecision.APPROVED);
    }

    /** Either lead may reject, under the same rules as approving; a rejection ends the request. */
    public DebugRequest reject(Caller caller, String requestId, String comment) {
        return reject(caller, requestId, SignOff.withComment(comment));
    }

    public DebugRequest reject(Caller caller, String requestId, SignOff signOff) {
        return signatures.sign(caller, requestId, signOff, SignatureDecision.REJECTED);
    }

    /** Ends a grant at once; for the requester, either approver or admins. */
    public DebugRequest revoke(Caller caller, String requestId, @Nullable String reason) {
        return grants.revoke(caller, requestId, reason);
    }

    /** Withdraws a request before it is granted; requester only. */
    public DebugRequest cancel(Caller caller, String requestId) {
        return requests.cancel(caller, requestId);
    }

    /** Replaces the content of a pending request; requester only. Voids any signature already given. */
    public DebugRequest edit(Caller caller, String requestId, DebugRequestDraft draft) {
        return requests.edit(caller, requestId, draft);
    }

    public DebugRequest get(String requestId) {
        return queries.get(requestId);
    }

    /** The caller's own requests, newest first. */
    public List<DebugRequest> listMine(Caller caller) {
        return queries.listMine(caller);
    }

    /** The caller's approval inbox: tasks they may sign now. */
    public List<PendingSignature> pendingFor(Caller caller) {
        return queries.pendingFor(caller);
    }
}
