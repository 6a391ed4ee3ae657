package io.debuggate.gateway.policy;

import io.debuggate.approval.SessionDurationLimits;
import io.debuggate.policies.Durations;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The policy's {@code maxSessionDuration} of each mode, with the target's overrides, as the limit
 * the approval workflow applies when a request is filed or edited. A mode the policy does not
 * define for the target sets no limit here: such a session is refused when it starts.
 */
@Component
class PolicySessionDurationLimits implements SessionDurationLimits {

    private final ActivePolicy policy;

    PolicySessionDurationLimits(ActivePolicy policy) {
        this.policy = policy;
    }

    @Override
    public Optional<Limit> limitFor(String mode, String targetService, String targetInstance) {
        String target = targetService + "/" + targetInstance;
        return policy.mode(mode, target).map(m -> new Limit(m.maxSessionDuration(), "the policy in force allows mode '" + mode
                + "' at most " + Durations.format(m.maxSessionDuration()) + " on " + target + " (maxSessionDuration)"));
    }
}
