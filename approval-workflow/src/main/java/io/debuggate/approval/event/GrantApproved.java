package io.debuggate.approval.event;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Both signatures are in; the requester may use the tools on the target from {@code startsAt} to {@code endsAt}. */
public record GrantApproved(String requestId, String requester, String targetService, String targetInstance, Set<String> tools,
        String mode, Instant startsAt, Instant endsAt, List<String> approvers, Instant at) implements ApprovalEvent {
}
