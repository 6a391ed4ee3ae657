package io.debuggate.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.cli.DgateException;
import io.debuggate.cli.auth.TokenRefresher;
import io.debuggate.cli.config.CredentialStore;
import io.debuggate.cli.config.GatewayAddress;
import io.debuggate.cli.config.StoredCredentials;
import io.debuggate.cli.testing.FakeGateway;
import io.debuggate.cli.testing.MutableClock;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokensTest {

    @TempDir
    Path dir;

    FakeGateway issuer;
    GatewayAddress gateway;
    CredentialStore store;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        issuer = new FakeGateway();
        gateway = GatewayAddress.parse(issuer.url());
        store = new CredentialStore(dir);
        issuer.on("POST", "/oauth2/token", FakeGateway.answer(200,
                "{\"access_token\":\"at-2\",\"refresh_token\":\"rt-2\",\"expires_in\":900}"));
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    AccessTokens tokens() {
        return new AccessTokens(gateway, store, new TokenRefresher(HttpClient.newHttpClient()), clock);
    }

    void loggedIn(String refreshToken, Duration validFor) {
        store.save(gateway, new StoredCredentials("alice", "at-1", refreshToken, clock.instant().plus(validFor),
                issuer.url() + "/oauth2/token", "dgate-cli"));
    }

    @Test
    void aFreshTokenIsUsedAsIs() {
        loggedIn("rt-1", Duration.ofMinutes(10));

        assertThat(tokens().current()).isEqualTo("at-1");
        assertThat(issuer.recorded()).isEmpty();
    }

    @Test
    void aTokenAboutToExpireIsRenewedAndStored() {
        loggedIn("rt-1", Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10).minusSeconds(10));

        assertThat(tokens().current()).isEqualTo("at-2");
        assertThat(issuer.recorded("/oauth2/token").get(0).body())
                .contains("grant_type=refresh_token").contains("refresh_token=rt-1").contains("client_id=dgate-cli");
        StoredCredentials stored = store.load(gateway).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo("at-2");
        assertThat(stored.refreshToken()).isEqualTo("rt-2");
        assertThat(stored.expiresAt()).isEqualTo(clock.instant().plusSeconds(900));
        assertThat(stored.username()).isEqualTo("alice");
    }

    @Test
    void aRejectedTokenIsRenewedOnlyOnceAcrossCallers() {
        loggedIn("rt-1", Duration.ofMinutes(10));
        AccessTokens tokens = tokens();

        assertThat(tokens.renewAfterRejection("at-1")).isEqualTo("at-2");
        assertThat(tokens.renewAfterRejection("at-1")).as("already renewed by another thread").isEqualTo("at-2");
        assertThat(issuer.recorded("/oauth2/token")).hasSize(1);
    }

    @Test
    void aRefusedRefreshSaysToLogInAgain() {
        loggedIn("rt-1", Duration.ZERO);
        issuer.on("POST", "/oauth2/token", FakeGateway.answer(400, "{\"error\":\"invalid_grant\"}"));

        assertThatThrownBy(() -> tokens().current())
                .isInstanceOf(DgateException.class)
                .hasMessageContaining("invalid_grant").hasMessageContaining("run dgate login");
    }

    @Test
    void withoutLoginTheMessageNamesTheCommand() {
        assertThatThrownBy(() -> tokens().current())
                .isInstanceOf(DgateException.class)
                .hasMessage("not logged in to " + gateway + ": run dgate login --gateway " + gateway);
    }

    @Test
    void expiredWithoutRefreshTokenSaysToLogInAgain() {
        store.save(gateway, new StoredCredentials("alice", "at-1", null, clock.instant(), issuer.url() + "/oauth2/token", "dgate-cli"));

        assertThatThrownBy(() -> tokens().current()).hasMessageContaining("expired").hasMessageContaining("run dgate login");
    }
}
