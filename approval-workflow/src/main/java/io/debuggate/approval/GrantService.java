package io.debuggate.approval;

import io.debuggate.approval.internal.GrantCache;
import io.debuggate.approval.internal.GrantRecord;
import io.debuggate.approval.internal.GrantState;
import java.time.Clock;
import java.util.Optional;

/**
 * The per-message grant check. It trusts nothing but the grant row and the clock: the window is
 * enforced here even if the grant-end timer has not fired yet, and a revoked or expired row never
 * passes.
 */
public class GrantService implements GrantCheck {

    private final GrantCache grants;
    private final Clock clock;

    public GrantService(GrantCache grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    @Override
    public Optional<ActiveGrant> activeGrant(String requestId, String username, String tool) {
        Optional<GrantRecord> found = grants.get(requestId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        GrantRecord g = found.get();
        boolean usable = g.state() == GrantState.ACTIVE
                && g.grantee().equals(username)
                && g.tools().contains(tool)
                && g.window().contains(clock.instant());
        if (!usable) {
            return Optional.empty();
        }
        return Optional.of(new ActiveGrant(g.requestId(), g.grantee(), g.targetService(), g.targetInstance(), g.tools(), g.mode(),
                g.pprofProfiles(), g.window()));
    }
}
