package io.debuggate.gateway.health;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One breaker as the API shows it ({@code GET /api/targets}).
 *
 * @param since when it entered {@code state}
 * @param source where its samples come from
 * @param lastValue the last sample's value; null when unknown or none yet
 * @param lastStatus the last sample's status, null before the first sample
 * @param limit the policy's threshold
 * @param lastTripAt the last trip; sessions approved before it are refused
 * @param lastTripReason why it last tripped
 * @param earliestReopen while OPEN: the soonest it may admit newly approved sessions
 */
public record BreakerView(String signal, BreakerState state, Instant since, String source, @Nullable Double lastValue,
                          @Nullable SampleStatus lastStatus, double limit, @Nullable Instant lastTripAt,
                          @Nullable String lastTripReason, @Nullable Instant earliestReopen) {
}
