package io.debuggate.cli.api;

import io.debuggate.cli.DgateException;
import io.debuggate.cli.auth.LoginFailedException;
import io.debuggate.cli.auth.TokenRefresher;
import io.debuggate.cli.auth.TokenResponse;
import io.debuggate.cli.config.CredentialStore;
import io.debuggate.cli.config.GatewayAddress;
import io.debuggate.cli.config.StoredCredentials;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * The logged-in user's access token for one gateway, renewed with the refresh token shortly
 * before it expires (and once more if the gateway rejects it anyway), and written back to the
 * store so the next command starts fresh. Thread-safe: {@code dgate connect} asks from many threads.
 */
public final class AccessTokens implements BearerTokens {

    /** Renew this long before expiry so a request never leaves with a token that dies in flight. */
    static final Duration RENEW_MARGIN = Duration.ofSeconds(30);

    private final GatewayAddress gateway;
    private final CredentialStore store;
    private final TokenRefresher refresher;
    private final Clock clock;

    public AccessTokens(GatewayAddress gateway, CredentialStore store, TokenRefresher refresher, Clock clock) {
        this.gateway = gateway;
        this.store = store;
        this.refresher = refresher;
        this.clock = clock;
    }

    public GatewayAddress gateway() {
        return gateway;
    }

    public synchronized StoredCredentials credentials() {
        return store.load(gateway).orElseThrow(() -> new DgateException("not logged in to " + gateway + ": run dgate login"
                + (gateway.toString().equals(GatewayAddress.DEFAULT) ? "" : " --gateway " + gateway)));
    }

    /** A token that is valid for at least {@link #RENEW_MARGIN}. */
    @Override
    public synchronized String current() {
        StoredCredentials credentials = credentials();
        if (!credentials.expiresWithin(clock.instant(), RENEW_MARGIN)) {
            return credentials.accessToken();
        }
        return renew(credentials).accessToken();
    }

    /** The gateway refused {@code rejected}: renew unless another thread already did. */
    @Override
    public synchronized String renewAfterRejection(String rejected) {
        StoredCredentials credentials = credentials();
        if (!credentials.accessToken().equals(rejected)) {
            return credentials.accessToken();
        }
        return renew(credentials).accessToken();
    }

    private StoredCredentials renew(StoredCredentials credentials) {
        if (credentials.refreshToken() == null) {
            throw new DgateException("your session at " + gateway + " has expired and the issuer gave no refresh token: run dgate login");
        }
        TokenResponse fresh;
        try {
            fresh = refresher.refresh(URI.create(credentials.tokenEndpoint()), credentials.clientId(), credentials.refreshToken());
        } catch (LoginFailedException e) {
            throw new DgateException(e.getMessage(), e);
        }
        StoredCredentials renewed = new StoredCredentials(credentials.username(), fresh.accessToken(),
                fresh.refreshToken() != null ? fresh.refreshToken() : credentials.refreshToken(),
                TokenExpiry.of(fresh, clock), credentials.tokenEndpoint(), credentials.clientId());
        store.save(gateway, renewed);
        return renewed;
    }
}
