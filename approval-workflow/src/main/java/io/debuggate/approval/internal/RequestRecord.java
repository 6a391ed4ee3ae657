package io.debuggate.approval.internal;

import io.debuggate.approval.DebugRequestDraft;
import io.debuggate.approval.RequestState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One row of {@code dg_approval_request}; {@code version} guards against lost updates. */
public record RequestRecord(
        String id,
        String requester,
        DebugRequestDraft draft,
        String contentHash,
        RequestState state,
        Instant createdAt,
        Instant approvalDeadline,
        Instant updatedAt,
        @Nullable String processInstanceId,
        int version) {

    RequestRecord withState(RequestState newState, Instant now) {
        return new RequestRecord(id, requester, draft, contentHash, newState, createdAt, approvalDeadline, now,
                processInstanceId, version + 1);
    }

    RequestRecord withDraft(DebugRequestDraft newDraft, String newHash, Instant now) {
        return new RequestRecord(id, requester, newDraft, newHash, state, createdAt, approvalDeadline, now,
                processInstanceId, version + 1);
    }

    RequestRecord withProcessInstance(String pid) {
        return new RequestRecord(id, requester, draft, contentHash, state, createdAt, approvalDeadline, updatedAt, pid, version);
    }

    public String target() {
        return draft.targetService() + "/" + draft.targetInstance();
    }

    public String requireProcessInstanceId() {
        if (processInstanceId == null) {
            throw new IllegalStateException("request " + id + " has no process instance");
        }
        return processInstanceId;
    }
}
