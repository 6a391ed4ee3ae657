package io.debuggate.gateway.health;

import java.time.Instant;

/**
 * A health breaker left {@link BreakerState#OPEN}: {@code state} is {@link BreakerState#HALF_OPEN}
 * when the signal has been calm for the policy's calm period (newly approved sessions are admitted
 * again), {@link BreakerState#CLOSED} when the probation window passed too. Sessions approved
 * before the trip stay refused either way.
 */
public record TargetBreakerRecovered(String service, String instance, String signal, BreakerState state, Instant at) {

    public String target() {
        return service + "/" + instance;
    }
}
