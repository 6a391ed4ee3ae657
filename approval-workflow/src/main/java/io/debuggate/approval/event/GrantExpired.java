package io.debuggate.approval.event;

import java.time.Instant;

/** A grant's window ended; every live session of it must be torn down now. */
public record GrantExpired(String requestId, String requester, String targetService, String targetInstance, Instant endsAt,
        Instant at) implements ApprovalEvent {
}
