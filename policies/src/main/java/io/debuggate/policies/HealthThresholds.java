package io.debuggate.policies;

import java.time.Duration;
import java.util.List;

/**
 * When the health breaker trips and cuts every session on a target: CPU above
 * {@code cpuUtilization} for {@code cpuSustainedFor}, or a 5xx ratio above {@code errorRatio} over
 * {@code errorWindow} once at least {@code minRequests} requests were seen (so three requests with
 * one error do not trip it). The target stays closed until it has been calm for {@code calmPeriod}.
 * {@code signals} are further thresholds added by configuration ({@code health.signals} in the
 * policy file), each checked like the CPU one.
 *
 * <p>{@code cpuUtilization} is a share of the CPUs the process may use (1.0 = all of them busy).
 */
public record HealthThresholds(
        double cpuUtilization,
        Duration cpuSustainedFor,
        double errorRatio,
        int minRequests,
        Duration errorWindow,
        Duration calmPeriod,
        List<LevelThreshold> signals) {

    /** The built-in thresholds only, without further signals. */
    public HealthThresholds(double cpuUtilization, Duration cpuSustainedFor, double errorRatio, int minRequests,
                            Duration errorWindow, Duration calmPeriod) {
        this(cpuUtilization, cpuSustainedFor, errorRatio, minRequests, errorWindow, calmPeriod, List.of());
    }

    public HealthThresholds {
        signals = List.copyOf(signals);
        if (signals.stream().map(LevelThreshold::signal).distinct().count() != signals.size()) {
            throw new IllegalArgumentException("health.signals names a signal twice: " + signals);
        }
        if (!(cpuUtilization > 0.0 && cpuUtilization <= 1.0)) {
            throw new IllegalArgumentException("health.cpu.maxUtilization must be in (0, 1], got " + cpuUtilization);
        }
        requireBetween("health.cpu.sustainedFor", cpuSustainedFor, Duration.ofSeconds(1), Duration.ofMinutes(10));
        if (!(errorRatio > 0.0 && errorRatio <= 1.0)) {
            throw new IllegalArgumentException("health.errorRate.maxRatio must be in (0, 1], got " + errorRatio);
        }
        if (minRequests < 1 || minRequests > 1_000_000) {
            throw new IllegalArgumentException("health.errorRate.minRequests must be between 1 and 1000000, got " + minRequests);
        }
        requireBetween("health.errorRate.window", errorWindow, Duration.ofSeconds(1), Duration.ofMinutes(30));
        requireBetween("health.calmPeriod", calmPeriod, Duration.ofSeconds(10), Duration.ofHours(24));
    }

    static void requireBetween(String what, Duration d, Duration min, Duration max) {
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be between " + Durations.format(min) + " and "
                    + Durations.format(max) + ", got " + (d == null ? "nothing" : Durations.format(d)));
        }
    }
}
