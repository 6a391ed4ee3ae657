package io.debuggate.gateway.health;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A breaker moved from one state to another because of the sample recorded at {@code at}.
 *
 * @param samples the breaker's window at that moment, oldest first
 * @param reason what happened, in words fit for an alert
 * @param earliestReopen for a move to {@link BreakerState#OPEN}: the soonest the instance can
 *     admit newly approved sessions (if the signal calms down at once)
 */
public record BreakerChange(String service, String instance, String signal, BreakerState from, BreakerState to,
                            Instant at, List<HealthSample> samples, String reason, @Nullable Instant earliestReopen) {

    public BreakerChange {
        samples = List.copyOf(samples);
    }

    public String target() {
        return service + "/" + instance;
    }
}
