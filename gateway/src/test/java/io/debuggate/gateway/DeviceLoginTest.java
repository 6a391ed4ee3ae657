package io.debuggate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.cli.auth.DeviceAuthorization;
import io.debuggate.cli.auth.DeviceLogin;
import io.debuggate.cli.auth.IssuerEndpoints;
import io.debuggate.cli.auth.Sleeper;
import io.debuggate.cli.auth.TokenResponse;
import io.debuggate.gateway.support.BrowserSession;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code dgate login}'s device flow against the embedded issuer: the CLI (a public client with no
 * secret) starts it, a person logs in with a browser and enters the code, the CLI gets a token the
 * API accepts.
 */
class DeviceLoginTest extends GatewayIntegrationTest {

    @Test
    void thePublicCliClientLogsInWithTheDeviceFlow() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient cli = HttpClient.newHttpClient();
        DeviceLogin login = new DeviceLogin(cli, IssuerEndpoints.embedded(base), Clock.systemUTC(), Sleeper.real());
        DeviceAuthorization authorization = login.start();
        assertThat(authorization.userCode()).isNotBlank();
        CompletableFuture<TokenResponse> token = CompletableFuture.supplyAsync(() -> login.await(authorization));

        // The person, in a browser: log in, then enter the code shown by dgate.
        BrowserSession browser = BrowserSession.login(base, "alice");
        HttpResponse<String> verified = browser.get(authorization.verificationUri() + "?user_code="
                + URLEncoder.encode(authorization.userCode(), StandardCharsets.UTF_8));
        assertThat(verified.statusCode()).as(verified.body()).isLessThan(400);
        // The issuer shows the code again and asks the person to confirm it matches the terminal's.
        assertThat(verified.body()).contains(authorization.userCode()).contains("dgate-cli");
        Matcher state = Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(verified.body());
        assertThat(state.find()).as(verified.body()).isTrue();
        HttpResponse<String> consented = browser.postForm("/oauth2/device_verification",
                "client_id=dgate-cli&scope=profile&user_code=" + URLEncoder.encode(authorization.userCode(), StandardCharsets.UTF_8)
                        + "&state=" + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8));
        assertThat(consented.statusCode()).isLessThan(400);
        assertThat(consented.uri().toString()).as("confirmed, not refused").doesNotContain("error");

        TokenResponse tokens = token.get(java.util.concurrent.TimeUnit.SECONDS.toMillis(60), java.util.concurrent.TimeUnit.MILLISECONDS);
        HttpResponse<String> whoami = cli.send(HttpRequest.newBuilder(base.resolve("/api/whoami"))
                .header("Authorization", "Bearer " + tokens.accessToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(whoami.statusCode()).isEqualTo(200);
        assertThat(whoami.body()).contains("\"username\":\"alice\"").contains("engineers");
    }
}
