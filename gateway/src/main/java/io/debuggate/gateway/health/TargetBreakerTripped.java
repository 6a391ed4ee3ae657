package io.debuggate.gateway.health;

import java.time.Instant;
import java.util.List;

/**
 * A health breaker opened: cut every debug session on {@code service/instance} now (the service
 * keeps running) and admit no new one until {@link TargetHealthGate} says so. Published
 * synchronously on the sampling thread right after the crossing sample was recorded, so a
 * listener that cuts sessions inline is inside the 500 ms budget of safety invariant 7.
 * Published again if the breaker re-opens from {@link BreakerState#HALF_OPEN}.
 *
 * @param signal the breaker's signal ({@code cpu}, {@code http-5xx}, …)
 * @param samples the window that caused the trip, oldest first; the last one crossed the threshold
 * @param at when the trip was decided
 */
public record TargetBreakerTripped(String service, String instance, String signal, List<HealthSample> samples, Instant at) {

    public TargetBreakerTripped {
        samples = List.copyOf(samples);
    }

    public String target() {
        return service + "/" + instance;
    }
}
