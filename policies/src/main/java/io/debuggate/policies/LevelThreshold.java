package io.debuggate.policies;

import java.time.Duration;
import java.util.Set;

/**
 * A further health signal added by configuration alone (GC pause, p99 latency, queue depth…): the
 * breaker for {@code signal} trips when every sample for {@code sustainedFor} is above {@code max}.
 * A health source supplies the values under the same name (for example a PromQL query); the unit is
 * whatever that source returns.
 */
public record LevelThreshold(String signal, double max, Duration sustainedFor) {

    /** Names the built-in signals use; a policy cannot redefine them under {@code health.signals}. */
    public static final Set<String> BUILT_IN = Set.of("cpu", "http-5xx");

    public LevelThreshold {
        if (signal == null || !signal.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("health signal name '" + signal
                    + "' must be 1-32 lower-case letters, digits and '-', starting with a letter");
        }
        if (BUILT_IN.contains(signal)) {
            throw new IllegalArgumentException("health signal '" + signal + "' is built in; set it under health."
                    + (signal.equals("cpu") ? "cpu" : "errorRate") + " instead");
        }
        if (!(max >= 0.0) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("health.signals." + signal + ".max must be a finite number >= 0, got " + max);
        }
        HealthThresholds.requireBetween("health.signals." + signal + ".sustainedFor", sustainedFor,
                Duration.ofSeconds(1), Duration.ofMinutes(10));
    }
}
