package io.debuggate.approval.event;

import java.time.Instant;

/** The requester withdrew the request before it was approved. */
public record RequestCancelled(String requestId, String requester, Instant at) implements ApprovalEvent {
}
