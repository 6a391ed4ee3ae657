package io.debuggate.gateway.support;

import io.debuggate.cli.auth.PasswordLogin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Talks to a running gateway the way real clients do: tokens come from the embedded issuer's own
 * login flow (the CLI's {@link PasswordLogin}), never minted by the test.
 */
public final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public GatewayClient(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    public String token(String user) {
        return tokens.computeIfAbsent(user, u -> PasswordLogin.forDemo(base).login(u, "demo").accessToken());
    }

    public Response post(String user, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        return send(request.build());
    }

    public Response get(String user, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        return send(request.build());
    }

    public HttpResponse<InputStream> stream(String user, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token(user))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    public record Response(int status, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
