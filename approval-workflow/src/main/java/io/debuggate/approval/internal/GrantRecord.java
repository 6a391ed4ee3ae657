package io.debuggate.approval.internal;

import io.debuggate.approval.GrantWindow;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One row of {@code dg_approval_grant}: everything the per-message check needs in one read. */
public record GrantRecord(
        String requestId,
        String grantee,
        String targetService,
        String targetInstance,
        Set<String> tools,
        String mode,
        List<String> pprofProfiles,
        GrantWindow window,
        GrantState state,
        @Nullable Instant endedAt,
        @Nullable String endedBy,
        @Nullable String endReason) {

    public GrantRecord {
        tools = Set.copyOf(tools);
        pprofProfiles = List.copyOf(pprofProfiles);
    }
}
