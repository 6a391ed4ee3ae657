package io.debuggate.gateway.tunnel;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What a snapshot-mode breakpoint recorded when a goroutine hit it: where, and the stack with
 * arguments and locals as far as the mode's load limits go, already masked.
 *
 * @param frames Delve's {@code Stacktrace} locations (masked), innermost first
 */
public record SnapshotCapture(String sessionId, int breakpointId, int hit, Instant at, long goroutineId, String function,
                              String file, int line, JsonNode frames) {
}
