package io.debuggate.cli.config;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@code dgate login} keeps for one gateway.
 *
 * @param username who the tokens belong to (for display only; the gateway reads the token)
 * @param accessToken the bearer token
 * @param refreshToken used to get a new access token when it expires; absent if the issuer gave none
 * @param expiresAt when the access token stops working
 * @param tokenEndpoint where to refresh
 * @param clientId the OAuth2 client the tokens were issued to
 */
public record StoredCredentials(String username, String accessToken, @Nullable String refreshToken,
                                Instant expiresAt, String tokenEndpoint, String clientId) {

    public boolean expiresWithin(Instant now, java.time.Duration margin) {
        return !now.plus(margin).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        // Tokens open production debuggers: never print them by accident.
        return "StoredCredentials[username=" + username + ", expiresAt=" + expiresAt + ", tokens=<redacted>]";
    }
}
