package io.debuggate.approval.internal;

import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.RequestNotFoundException;

/** Assembles the public {@link DebugRequest} from our three tables. */
public class RequestViews {

    private final RequestStore requests;
    private final SignatureStore signatures;
    private final GrantStore grants;

    public RequestViews(RequestStore requests, SignatureStore signatures, GrantStore grants) {
        this.requests = requests;
        this.signatures = signatures;
        this.grants = grants;
    }

    public RequestRecord load(String requestId) {
        return requests.find(requestId).orElseThrow(() -> new RequestNotFoundException(requestId));
    }

    public DebugRequest view(RequestRecord r) {
        return new DebugRequest(r.id(), r.requester(), r.draft(), r.contentHash(), r.state(), r.createdAt(), r.approvalDeadline(),
                signatures.forRequest(r.id()), grants.find(r.id()).map(GrantRecord::window).orElse(null));
    }

    public DebugRequest view(String requestId) {
        return view(load(requestId));
    }
}
