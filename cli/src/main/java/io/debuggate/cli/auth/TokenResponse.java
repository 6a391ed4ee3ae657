package io.debuggate.cli.auth;

import org.jspecify.annotations.Nullable;

/** The parts of an OAuth2 token response the CLI keeps. */
public record TokenResponse(String accessToken, @Nullable String refreshToken, long expiresInSeconds) {

    @Override
    public String toString() {
        // Tokens are keys to production debuggers: never print them by accident.
        return "TokenResponse[accessToken=<redacted>, expiresInSeconds=" + expiresInSeconds + "]";
    }
}
