package io.debuggate.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.cli.testing.CliRun;
import io.debuggate.cli.testing.FakeGateway;
import io.debuggate.cli.testing.Jwts;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgate login --user} against a fake of the embedded issuer's form login + authorization
 * code + PKCE flow (the lead verified the same client against the real gateway).
 */
class PasswordLoginCommandTest {

    @TempDir
    Path home;

    FakeGateway issuer;
    final Map<String, String> authorize = new LinkedHashMap<>();
    String issuedToken;

    @BeforeEach
    void start() throws Exception {
        issuer = new FakeGateway();
        issuer.on("GET", "/oauth2/authorize", (exchange, body) -> {
            String query = exchange.getRequestURI().getRawQuery();
            if (query.equals("continue")) {
                redirect(exchange, "http://127.0.0.1/callback?code=code-1&state=" + authorize.get("state"));
            } else {
                authorize.putAll(form(query));
                redirect(exchange, issuer.url() + "/login");
            }
        });
        issuer.on("GET", "/login", (exchange, body) -> FakeGateway.send(exchange, 200, "text/html",
                "<form method=\"post\"><input name=\"username\"/><input name=\"_csrf\" type=\"hidden\" value=\"csrf-1\"/></form>"));
        issuer.on("POST", "/login", (exchange, body) -> {
            Map<String, String> login = form(body);
            boolean ok = "csrf-1".equals(login.get("_csrf")) && "demo".equals(login.get("password"));
            redirect(exchange, ok ? "/oauth2/authorize?continue" : "/login?error");
        });
        issuer.on("POST", "/oauth2/token", (exchange, body) -> {
            Map<String, String> token = form(body);
            String challenge = s256(token.get("code_verifier"));
            if (!challenge.equals(authorize.get("code_challenge")) || !"code-1".equals(token.get("code"))) {
                FakeGateway.json(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            issuedToken = Jwts.token("bob", Instant.now().getEpochSecond() + 900);
            FakeGateway.json(exchange, 200, "{\"access_token\":\"" + issuedToken + "\",\"expires_in\":900}");
        });
        issuer.on("GET", "/api/whoami", (exchange, body) -> FakeGateway.json(exchange,
                ("Bearer " + issuedToken).equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
                "{\"username\":\"bob\",\"groups\":[\"dev-leads\"]}"));
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    CliRun cli() {
        return new CliRun(home.resolve("dgate")).env("DGATE_GATEWAY", issuer.url());
    }

    @Test
    void passwordFromStdinLogsInWithPkce() {
        CliRun.Result result = cli().stdin("demo\n").run("login", "--user", "bob", "--password-stdin");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("logged in to " + issuer.url() + " as bob (groups: dev-leads)\n");
        assertThat(authorize).containsEntry("client_id", "dgate-cli").containsEntry("code_challenge_method", "S256");
        assertThat(cli().run("whoami").out()).contains("bob");
    }

    @Test
    void passwordFromTheEnvironmentWorksToo() {
        CliRun.Result result = cli().env("DGATE_PASSWORD", "demo").run("login", "-u", "bob");

        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    @Test
    void aWrongPasswordIsReportedAndNothingIsStored() {
        CliRun.Result result = cli().stdin("wrong\n").run("login", "--user", "bob", "--password-stdin");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("refused user 'bob': wrong user name or password");
        assertThat(cli().run("whoami").err()).contains("not logged in");
    }

    private static String s256(String verifier) throws java.io.IOException {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new java.io.IOException(e);
        }
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws java.io.IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
