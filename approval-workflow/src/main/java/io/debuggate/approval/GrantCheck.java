package io.debuggate.approval;

import java.util.Optional;

/**
 * The question the gateway asks on every proxied debugger or pprof message. It must stay cheap,
 * and a revocation must be visible at once.
 */
public interface GrantCheck {

    /**
     * The grant that allows this user to use this tool on this target now, or empty when any part
     * does not hold: only the requester, only inside the window, never after a revoke or expiry,
     * only for a granted tool and the granted target.
     *
     * @param tool {@code dlv}, {@code dap} or {@code pprof}
     */
    Optional<ActiveGrant> activeGrant(String requestId, String username, String targetService, String targetInstance, String tool);

    /**
     * As above, for the target the grant names: the grant row carries the target it was granted
     * for, so a caller that does not know the target yet needs no second read.
     */
    Optional<ActiveGrant> activeGrant(String requestId, String username, String tool);
}
