package io.debuggate.cli.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The refresh_token grant (RFC 6749 §6), as the public client the tokens were issued to. */
public final class TokenRefresher {

    private final HttpClient http;

    public TokenRefresher(HttpClient http) {
        this.http = http;
    }

    public TokenResponse refresh(URI tokenEndpoint, String clientId, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", clientId);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(FormParams.encode(form)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LoginFailedException("the session could not be renewed (" + response.statusCode()
                        + DeviceLogin.describeError(response.body()) + "): run dgate login");
            }
            return TokenResponses.parse(response.body());
        } catch (IOException e) {
            throw new LoginFailedException("cannot reach the token endpoint " + tokenEndpoint + " to renew the session: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailedException("interrupted while renewing the session", e);
        }
    }
}
