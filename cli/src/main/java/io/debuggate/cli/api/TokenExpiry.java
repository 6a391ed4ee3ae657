package io.debuggate.cli.api;

import io.debuggate.cli.auth.JwtClaims;
import io.debuggate.cli.auth.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** When a freshly issued access token expires: {@code expires_in}, else the JWT's {@code exp}, else 5 minutes. */
public final class TokenExpiry {

    static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(5);

    private TokenExpiry() {
    }

    public static Instant of(TokenResponse token, Clock clock) {
        if (token.expiresInSeconds() > 0) {
            return clock.instant().plusSeconds(token.expiresInSeconds());
        }
        return JwtClaims.expiry(token.accessToken()).orElse(clock.instant().plus(UNKNOWN_LIFETIME));
    }
}
