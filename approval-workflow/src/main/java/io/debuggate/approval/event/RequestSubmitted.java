package io.debuggate.approval.event;

import java.time.Instant;
import java.util.Set;

/** A request was created. */
public record RequestSubmitted(String requestId, String requester, String targetService, String targetInstance,
        Set<String> tools, String mode, String contentHash, Instant approvalDeadline, Instant at) implements ApprovalEvent {
}
