package io.debuggate.approval;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits on how long a session may be requested for, beyond the approval settings' own maximum:
 * the gateway supplies the policy's {@code maxSessionDuration} of the requested mode on the
 * requested target, so a request for longer is refused when it is filed or edited, not granted.
 */
@FunctionalInterface
public interface SessionDurationLimits {

    SessionDurationLimits NONE = (mode, service, instance) -> Optional.empty();

    Optional<Limit> limitFor(String mode, String targetService, String targetInstance);

    /** @param source where the limit comes from, in words for the person whose request it refuses */
    record Limit(Duration max, String source) {
        public Limit {
            Objects.requireNonNull(max, "max");
            Objects.requireNonNull(source, "source");
        }
    }
}
