package io.debuggate.gateway.health;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One reading of one signal of one instance, as recorded into its breaker and as carried by
 * {@link TargetBreakerTripped} into the audit trail and the alert.
 *
 * @param signal e.g. {@code cpu}, {@code http-5xx}, or a policy-defined signal
 * @param at when the reading completed (the gateway's clock)
 * @param status how it counted
 * @param value the level (CPU: share of the process's CPUs; 0.93 = 93 %), or for {@code http-5xx}
 *     the error ratio over the policy's window including this sample; NaN when unknown
 * @param limit the threshold it was compared with
 * @param requests requests in this sample's interval (ratio signals; 0 otherwise)
 * @param errors failed requests in this sample's interval (ratio signals; 0 otherwise)
 * @param source which source read it: {@code agent}, {@code scrape}, {@code prometheus}, …
 * @param note why it is unknown, or other context worth keeping
 */
public record HealthSample(String signal, Instant at, SampleStatus status, double value, double limit,
                           long requests, long errors, String source, @Nullable String note) {

    /** A compact line for logs and alerts: {@code 0.93>0.70 (agent)}. */
    public String brief() {
        return switch (status) {
            case UNKNOWN -> "unknown (" + source + (note == null ? "" : ": " + note) + ")";
            case BREACH -> format(value) + ">" + format(limit) + " (" + source + ")";
            case OK -> format(value) + "<=" + format(limit) + " (" + source + ")";
        };
    }

    static String format(double v) {
        return Double.isNaN(v) ? "?" : String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
