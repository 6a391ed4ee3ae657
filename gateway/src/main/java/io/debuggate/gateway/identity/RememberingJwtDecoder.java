package io.debuggate.gateway.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens the issuer's decoder accepted, by their exact text, until they expire.
 * Checking an RS256 signature costs about half a millisecond on this class of machine, on every
 * API call and every pprof fetch; the same bytes under the same keys give the same verdict, so
 * the check is done once per token. A remembered token is honoured only while {@code exp} is
 * ahead of the clock (no leeway, unlike the first check's), and a token that fails is never
 * remembered, so expiry and forgery behave exactly as without this decoder.
 */
final class RememberingJwtDecoder implements JwtDecoder {

    static final int DEFAULT_CAPACITY = 10_000;

    private final JwtDecoder issuer;
    private final Clock clock;
    private final int capacity;
    private final ConcurrentHashMap<String, Jwt> accepted = new ConcurrentHashMap<>();

    RememberingJwtDecoder(JwtDecoder issuer, Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.issuer = issuer;
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Jwt remembered = accepted.get(token);
        if (remembered != null) {
            if (stillValid(remembered, now)) {
                return remembered;
            }
            accepted.remove(token);
        }
        Jwt jwt = issuer.decode(token);
        if (stillValid(jwt, now)) {
            remember(token, jwt, now);
        }
        return jwt;
    }

    private void remember(String token, Jwt jwt, Instant now) {
        if (accepted.size() >= capacity) {
            accepted.values().removeIf(j -> !stillValid(j, now));
            if (accepted.size() >= capacity) {
                accepted.clear();
            }
        }
        accepted.put(token, jwt);
    }

    /** Tokens without {@code exp} are checked afresh every time: nothing bounds how long to trust them. */
    private static boolean stillValid(Jwt jwt, Instant now) {
        return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt());
    }

    int size() {
        return accepted.size();
    }
}
