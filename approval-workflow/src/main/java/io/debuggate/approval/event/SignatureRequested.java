package io.debuggate.approval.event;

import io.debuggate.approval.SignatureRole;
import java.time.Instant;

/**
 * A signature task is waiting: a member of {@code requiredGroup} other than the requester must
 * sign. Emitted for both tasks on submission and again after an edit voided the signatures.
 */
public record SignatureRequested(String requestId, String requester, SignatureRole role, String requiredGroup,
        String targetService, String targetInstance, Instant approvalDeadline, Instant at) implements ApprovalEvent {
}
