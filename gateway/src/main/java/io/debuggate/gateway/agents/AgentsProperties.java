package io.debuggate.gateway.agents;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway talks to agents.
 *
 * @param signingKeyFile the gateway's Ed25519 private key (PEM); unset =
 *     {@code <debuggate.home>/agents/order-signing-key.pem}, created on first start next to its
 *     public half ({@code .pub.pem}) which every agent is given
 * @param orderTtl how long one order token is valid (default 30 s): long enough to open one
 *     connection or fetch one profile, too short to be worth stealing
 * @param issuer the {@code issuer} written into orders (default {@code debuggate-gateway})
 */
@ConfigurationProperties("debuggate.agents")
public record AgentsProperties(
        @Nullable String signingKeyFile,
        @DefaultValue("PT30S") Duration orderTtl,
        @DefaultValue("debuggate-gateway") String issuer) {

    public AgentsProperties {
        if (orderTtl.isNegative() || orderTtl.isZero() || orderTtl.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("debuggate.agents.order-ttl must be between 1s and 5m, was " + orderTtl
                    + "; orders are per connection, keep them short (default PT30S)");
        }
    }
}
