package io.debuggate.cli.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads (never verifies) the claims of a JWT access token: only for display and expiry hints.
 * The gateway verifies the signature; an opaque token simply yields nothing here.
 */
public final class JwtClaims {

    private JwtClaims() {
    }

    public static Optional<String> subject(String token) {
        return claims(token).map(c -> c.get("sub")).filter(JsonNode::isString).map(JsonNode::asString);
    }

    public static Optional<Instant> expiry(String token) {
        return claims(token).map(c -> c.get("exp")).filter(JsonNode::canConvertToLong).map(n -> Instant.ofEpochSecond(n.asLong()));
    }

    private static Optional<JsonNode> claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            JsonNode node = PasswordLogin.json(new String(payload, StandardCharsets.UTF_8));
            return node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }
}
