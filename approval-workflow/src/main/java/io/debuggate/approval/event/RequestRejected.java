package io.debuggate.approval.event;

import io.debuggate.approval.SignatureRole;
import java.time.Instant;

/** An approver rejected the request; the process has ended. */
public record RequestRejected(String requestId, String requester, String rejectedBy, SignatureRole role, Instant at)
        implements ApprovalEvent {
}
