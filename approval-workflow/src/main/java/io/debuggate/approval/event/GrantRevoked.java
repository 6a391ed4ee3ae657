package io.debuggate.approval.event;

import java.time.Instant;

/** A grant was ended early; every live session of it must be torn down now. */
public record GrantRevoked(String requestId, String requester, String targetService, String targetInstance, String revokedBy,
        Instant at) implements ApprovalEvent {
}
