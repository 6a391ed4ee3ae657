package io.debuggate.cli.auth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Logs a user in non-interactively by walking the issuer's own authorization-code + PKCE flow
 * through its login form, exactly as a browser would. Meant for the embedded issuer's demo users
 * in scripts and tests: the token is real, issued and signed by the issuer, never hand-minted.
 * People use the device flow instead.
 */
public final class PasswordLogin {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI gateway;
    private final String clientId;
    private final String redirectUri;

    public PasswordLogin(URI gateway, String clientId, String redirectUri) {
        this.gateway = gateway;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    public static PasswordLogin forDemo(URI gateway) {
        return new PasswordLogin(gateway, "dgate-cli", "http://127.0.0.1/callback");
    }

    public TokenResponse login(String username, String password) {
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        Pkce pkce = Pkce.generate();
        String state = UUID.randomUUID().toString();
        try {
            Map<String, String> authorize = new LinkedHashMap<>();
            authorize.put("response_type", "code");
            authorize.put("client_id", clientId);
            authorize.put("redirect_uri", redirectUri);
            authorize.put("scope", "openid profile");
            authorize.put("state", state);
            authorize.put("code_challenge", pkce.challenge());
            authorize.put("code_challenge_method", "S256");
            URI authorizeUri = gateway.resolve("/oauth2/authorize?" + FormParams.encode(authorize));
            HttpResponse<String> first = get(http, authorizeUri);
            expectRedirect(first, "the authorize endpoint");

            HttpResponse<String> loginPage = get(http, gateway.resolve("/login"));
            String csrf = csrfToken(loginPage.body());
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(gateway.resolve("/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(FormParams.encode(Map.of(
                                    "username", username, "password", password, "_csrf", csrf))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String afterLogin = expectRedirect(posted, "the login form");
            if (afterLogin.contains("/login?error")) {
                throw new LoginFailedException("the issuer at " + gateway + " refused user '" + username
                        + "': wrong user name or password (demo users are listed in the README)");
            }
            String callback = expectRedirect(get(http, gateway.resolve(afterLogin)), "the authorize endpoint after login");
            if (!callback.startsWith(redirectUri)) {
                throw new LoginFailedException("expected a redirect to " + redirectUri + " with a code, got " + callback);
            }
            Map<String, String> result = FormParams.decodeQuery(URI.create(callback).getRawQuery());
            if (!state.equals(result.get("state")) || result.get("code") == null) {
                throw new LoginFailedException("the issuer answered without a code or with a different state: "
                        + result.getOrDefault("error", "no error given"));
            }
            return exchange(http, result.get("code"), pkce);
        } catch (IOException e) {
            throw new LoginFailedException("cannot reach the gateway at " + gateway + ": " + e.getMessage()
                    + " (is it running? start it with ./debuggate run)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailedException("login interrupted", e);
        }
    }

    private TokenResponse exchange(HttpClient http, String code, Pkce pkce) throws IOException, InterruptedException {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(gateway.resolve("/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(FormParams.encode(Map.of(
                                "grant_type", "authorization_code",
                                "code", code,
                                "redirect_uri", redirectUri,
                                "client_id", clientId,
                                "code_verifier", pkce.verifier()))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new LoginFailedException("the token endpoint answered " + token.statusCode() + ": " + token.body());
        }
        return TokenResponses.parse(token.body());
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String expectRedirect(HttpResponse<String> response, String step) {
        if (response.statusCode() / 100 != 3) {
            throw new LoginFailedException(step + " answered " + response.statusCode()
                    + " instead of a redirect; is this the debuggate gateway with its embedded issuer?");
        }
        return response.headers().firstValue("Location")
                .orElseThrow(() -> new LoginFailedException(step + " redirected without a Location header"));
    }

    private static String csrfToken(String loginPage) {
        Matcher m = CSRF.matcher(loginPage);
        if (!m.find()) {
            throw new LoginFailedException("the login page has no CSRF token; is this the embedded issuer's login form?");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
