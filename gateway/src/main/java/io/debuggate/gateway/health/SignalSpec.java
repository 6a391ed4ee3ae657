package io.debuggate.gateway.health;

import io.debuggate.policies.HealthThresholds;
import io.debuggate.policies.LevelThreshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How one signal is judged, derived from the policy's {@link HealthThresholds}. */
public sealed interface SignalSpec {

    String signal();

    double limit();

    /** Samples a breaker keeps to explain a trip (the window that decides it). */
    int windowSamples(Duration sampleInterval);

    /** Consecutive unknown samples after which the target counts as unseen and the breaker opens. */
    default int blindAfter(Duration sampleInterval) {
        return windowSamples(sampleInterval);
    }

    /** Trips when every sample for {@code sustainedFor} is above {@code max} (or unknown). */
    record LevelSpec(String signal, double max, Duration sustainedFor) implements SignalSpec {
        @Override
        public double limit() {
            return max;
        }

        @Override
        public int windowSamples(Duration sampleInterval) {
            return samplesIn(sustainedFor, sampleInterval);
        }
    }

    /** Trips when failed / all requests over {@code window} reaches {@code maxRatio} once at least {@code minRequests} were seen. */
    record RatioSpec(String signal, double maxRatio, int minRequests, Duration window) implements SignalSpec {
        @Override
        public double limit() {
            return maxRatio;
        }

        @Override
        public int windowSamples(Duration sampleInterval) {
            return samplesIn(window, sampleInterval);
        }
    }

    /** cpu, http-5xx and every {@code health.signals} entry of the policy. */
    static List<SignalSpec> from(HealthThresholds health) {
        List<SignalSpec> specs = new ArrayList<>();
        specs.add(new LevelSpec(Signals.CPU, health.cpuUtilization(), health.cpuSustainedFor()));
        specs.add(new RatioSpec(Signals.HTTP_5XX, health.errorRatio(), health.minRequests(), health.errorWindow()));
        for (LevelThreshold t : health.signals()) {
            specs.add(new LevelSpec(t.signal(), t.max(), t.sustainedFor()));
        }
        return List.copyOf(specs);
    }

    private static int samplesIn(Duration span, Duration interval) {
        return (int) Math.max(1, (span.toMillis() + interval.toMillis() - 1) / interval.toMillis());
    }
}
