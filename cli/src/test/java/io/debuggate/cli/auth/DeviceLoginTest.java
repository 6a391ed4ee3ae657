package io.debuggate.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.cli.testing.FakeGateway;
import io.debuggate.cli.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device flow's polling against a scripted fake issuer, with a fake clock instead of sleeping. */
class DeviceLoginTest {

    static final String DEVICE_ANSWER = """
            {"device_code":"dev-123","user_code":"WDJB-MJHT","verification_uri":"http://issuer/activate",
             "verification_uri_complete":"http://issuer/activate?user_code=WDJB-MJHT","expires_in":600,"interval":5}""";
    static final String TOKENS = "{\"access_token\":\"at-1\",\"refresh_token\":\"rt-1\",\"expires_in\":900,\"token_type\":\"Bearer\"}";

    FakeGateway issuer;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    List<Duration> sleeps = new ArrayList<>();
    Deque<String[]> tokenAnswers = new ArrayDeque<>();

    @BeforeEach
    void start() throws Exception {
        issuer = new FakeGateway();
        issuer.on("POST", "/oauth2/device_authorization", FakeGateway.answer(200, DEVICE_ANSWER));
        issuer.on("POST", "/oauth2/token", (exchange, body) -> {
            String[] next = tokenAnswers.isEmpty() ? new String[]{"400", "{\"error\":\"authorization_pending\"}"} : tokenAnswers.poll();
            FakeGateway.json(exchange, Integer.parseInt(next[0]), next[1]);
        });
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    DeviceLogin login() {
        return new DeviceLogin(HttpClient.newHttpClient(), IssuerEndpoints.embedded(URI.create(issuer.url())), clock, d -> {
            sleeps.add(d);
            clock.advance(d);
        });
    }

    void thenAnswer(int status, String body) {
        tokenAnswers.add(new String[]{String.valueOf(status), body});
    }

    @Test
    void startReadsTheUserCodeAndAsksAsThePublicClient() {
        DeviceAuthorization authorization = login().start();

        assertThat(authorization.userCode()).isEqualTo("WDJB-MJHT");
        assertThat(authorization.verificationUri()).hasToString("http://issuer/activate");
        assertThat(authorization.verificationUriComplete()).hasToString("http://issuer/activate?user_code=WDJB-MJHT");
        assertThat(authorization.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(authorization.toString()).doesNotContain("dev-123");
        assertThat(issuer.recorded("/oauth2/device_authorization").get(0).body()).contains("client_id=dgate-cli").contains("scope=profile").doesNotContain("openid");
    }

    @Test
    void pollsAtTheIntervalAndSlowsDownByFiveSecondsWhenAsked() {
        thenAnswer(400, "{\"error\":\"authorization_pending\"}");
        thenAnswer(400, "{\"error\":\"slow_down\"}");
        thenAnswer(400, "{\"error\":\"authorization_pending\"}");
        thenAnswer(200, TOKENS);
        DeviceLogin login = login();

        TokenResponse tokens = login.await(login.start());

        assertThat(tokens.accessToken()).isEqualTo("at-1");
        assertThat(tokens.refreshToken()).isEqualTo("rt-1");
        assertThat(tokens.expiresInSeconds()).isEqualTo(900);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(issuer.recorded("/oauth2/token")).hasSize(4).allSatisfy(r -> assertThat(r.body())
                .contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code")
                .contains("device_code=dev-123").contains("client_id=dgate-cli"));
    }

    @Test
    void anExpiredCodeEndsTheLoginWithTheFix() {
        thenAnswer(400, "{\"error\":\"expired_token\"}");
        DeviceLogin login = login();
        DeviceAuthorization authorization = login.start();

        assertThatThrownBy(() -> login.await(authorization))
                .isInstanceOf(LoginFailedException.class)
                .hasMessageContaining("expired").hasMessageContaining("run dgate login again");
    }

    @Test
    void theClientGivesUpAtExpiresInEvenIfTheIssuerKeepsSayingPending() {
        DeviceLogin login = login();
        DeviceAuthorization authorization = login.start();

        assertThatThrownBy(() -> login.await(authorization)).hasMessageContaining("expired");
        assertThat(sleeps.stream().mapToLong(Duration::toSeconds).sum()).isLessThanOrEqualTo(600);
        assertThat(issuer.recorded("/oauth2/token")).hasSizeBetween(100, 120);
    }

    @Test
    void aDenialInTheBrowserIsReported() {
        thenAnswer(400, "{\"error\":\"access_denied\"}");
        DeviceLogin login = login();
        DeviceAuthorization authorization = login.start();

        assertThatThrownBy(() -> login.await(authorization)).hasMessageContaining("denied");
    }

    @Test
    void anUnexpectedRefusalQuotesTheIssuersError() {
        thenAnswer(401, "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}");
        DeviceLogin login = login();
        DeviceAuthorization authorization = login.start();

        assertThatThrownBy(() -> login.await(authorization))
                .hasMessageContaining("invalid_client: client authentication failed")
                .hasMessageContaining("device_code grant");
    }

    @Test
    void serverErrorsBackOffInsteadOfFailing() {
        thenAnswer(503, "{}");
        thenAnswer(200, TOKENS);
        DeviceLogin login = login();

        assertThat(login.await(login.start()).accessToken()).isEqualTo("at-1");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void aMissingIntervalMeansFiveSeconds() {
        issuer.on("POST", "/oauth2/device_authorization", FakeGateway.answer(200,
                "{\"device_code\":\"d\",\"user_code\":\"U\",\"verification_uri\":\"http://i/a\",\"expires_in\":60}"));

        assertThat(login().start().interval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aClientNotAllowedTheDeviceFlowIsToldSo() {
        issuer.on("POST", "/oauth2/device_authorization", FakeGateway.answer(401, "{\"error\":\"invalid_client\"}"));

        assertThatThrownBy(() -> login().start())
                .isInstanceOf(LoginFailedException.class)
                .hasMessageContaining("401 invalid_client")
                .hasMessageContaining("client 'dgate-cli' may use the device flow");
    }
}
