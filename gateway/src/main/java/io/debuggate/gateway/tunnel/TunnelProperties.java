package io.debuggate.gateway.tunnel;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code debuggate.tunnel.*}: limits and timings of the debugger tunnel.
 *
 * @param maxRequestBytes   largest client request accepted (default 1 MiB; Delve requests are small,
 *                          a larger one is refused and the connection closed)
 * @param maxRequestDepth   deepest nesting accepted in a client request (default 32)
 * @param maxReplyBytes     largest reply accepted from dlv (default 256 MiB; a 10 000-goroutine list is ~7 MB)
 * @param heartbeatInterval how often the gateway tells each agent with a live session that it is alive
 *                          (default 2 s; must stay well below the agents' dead-man timeout)
 * @param expiryCheck       how often idle connections are checked for an ended grant (default 1 s)
 * @param teardownTimeout   how long one teardown step may wait for dlv (default 5 s)
 * @param captureHitLimit   hits a snapshot-mode capture breakpoint records before it is removed (default 5)
 * @param captureExpiry     how long a capture breakpoint lives (default 10 min)
 */
@Validated
@ConfigurationProperties("debuggate.tunnel")
public record TunnelProperties(
        @DefaultValue("1048576") @Min(1024) @Max(67108864) int maxRequestBytes,
        @DefaultValue("32") @Min(4) @Max(256) int maxRequestDepth,
        @DefaultValue("268435456") @Min(1048576) int maxReplyBytes,
        @DefaultValue("2s") @NotNull Duration heartbeatInterval,
        @DefaultValue("1s") @NotNull Duration expiryCheck,
        @DefaultValue("5s") @NotNull Duration teardownTimeout,
        @DefaultValue("5") @Min(1) @Max(1000) int captureHitLimit,
        @DefaultValue("10m") @NotNull Duration captureExpiry) {
}
