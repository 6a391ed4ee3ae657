package io.debuggate.approval;

import java.util.Optional;

/**
 * The question the gateway asks on every proxied debugger or pprof message. It must stay cheap,
 * and a revocation must be visible at once.
 */
public interface GrantCheck {

    /**
     * The grant that allows this user to use this tool now, or empty when any part does not hold:
     * only the requester, only inside the window, never after a revoke or expiry, only for a
     * granted tool. The grant names the one target it was granted for; the caller connects to that
     * target and no other, so no caller ever names a target here.
     *
     * @param tool {@code dlv}, {@code dap} or {@code pprof}
     */
    Optional<ActiveGrant> activeGrant(String requestId, String username, String tool);
}
