package io.debuggate.approval.event;

import java.time.Instant;

/** The approval TTL ran out before both signatures were in. */
public record RequestExpired(String requestId, String requester, Instant approvalDeadline, Instant at) implements ApprovalEvent {
}
