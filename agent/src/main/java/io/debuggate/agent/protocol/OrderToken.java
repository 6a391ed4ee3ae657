package io.debuggate.agent.protocol;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

/**
 * One order from the gateway to one agent: "user U, in session S, may use TOOL on TARGET
 * until EXPIRESAT". Times are whole seconds because the wire carries epoch seconds.
 *
 * @param issuer    who signed it, e.g. {@code debuggate-gateway}
 * @param audience  the agent id the order is for; any other agent refuses it
 * @param target    the target name the agent serves, e.g. {@code payment-svc/demo-0}
 * @param sessionId the gateway's session id, for the agent's log lines
 * @param user      the engineer's identity, for the agent's log lines
 * @param nonce     random, unique per token; dlv relay connections refuse a nonce seen before
 */
public record OrderToken(String issuer, String audience, String target, String sessionId, String user,
                         DebugTool tool, Instant issuedAt, Instant expiresAt, String nonce) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public OrderToken {
        requireText("issuer", issuer);
        requireText("audience", audience);
        requireText("target", target);
        requireText("sessionId", sessionId);
        requireText("user", user);
        Objects.requireNonNull(tool, "tool");
        issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.SECONDS);
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " must be after issuedAt " + issuedAt);
        }
        requireText("nonce", nonce);
    }

    /** A new order valid from now for {@code ttl}, with a fresh random nonce. */
    public static OrderToken issue(String issuer, String audience, String target, String sessionId, String user,
                                   DebugTool tool, Clock clock, Duration ttl) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new OrderToken(issuer, audience, target, sessionId, user, tool, now, now.plus(ttl), newNonce());
    }

    /** The same order re-issued now with a fresh nonce: each dlv relay connection needs its own. */
    public OrderToken renewed(Clock clock, Duration ttl) {
        return issue(issuer, audience, target, sessionId, user, tool, clock, ttl);
    }

    public Duration ttl() {
        return Duration.between(issuedAt, expiresAt);
    }

    static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, got \"" + value + "\"");
        }
    }
}
