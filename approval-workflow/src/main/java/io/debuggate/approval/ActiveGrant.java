package io.debuggate.approval;

import java.util.List;
import java.util.Set;

/**
 * A grant that is usable right now by this user for this target and tool; what the gateway needs
 * to enforce the session (mode, pprof profiles, end of the window).
 */
public record ActiveGrant(
        String requestId,
        String username,
        String targetService,
        String targetInstance,
        Set<String> tools,
        String mode,
        List<String> pprofProfiles,
        GrantWindow window) {

    public ActiveGrant {
        tools = Set.copyOf(tools);
        pprofProfiles = List.copyOf(pprofProfiles);
    }
}
