package io.debuggate.cli.api;

import io.debuggate.cli.DgateException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's REST API as the logged-in user. Answers stay {@link JsonNode}s so fields the
 * gateway adds later are shown and passed on, not dropped.
 */
public final class GatewayApi {

    /** Request ids go into URL paths: anything else is refused before it leaves the machine. */
    public static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final AccessTokens tokens;

    public GatewayApi(HttpClient http, AccessTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    public AccessTokens tokens() {
        return tokens;
    }

    public JsonNode whoami() {
        return send("GET", "/api/whoami", null, "whoami");
    }

    public JsonNode targets() {
        return send("GET", "/api/targets", null, "listing targets");
    }

    public JsonNode createRequest(ObjectNode draft) {
        return send("POST", "/api/requests", draft, "submitting the request");
    }

    public JsonNode listRequests(String scope) {
        return send("GET", "/api/requests?scope=" + scope, null, "listing requests");
    }

    public JsonNode request(String id) {
        return send("GET", "/api/requests/" + checkedId(id), null, "reading request " + id);
    }

    public JsonNode approve(String id, @Nullable String comment) {
        return send("POST", "/api/requests/" + checkedId(id) + "/approve", field("comment", comment), "approving " + id);
    }

    public JsonNode reject(String id, String comment) {
        return send("POST", "/api/requests/" + checkedId(id) + "/reject", field("comment", comment), "rejecting " + id);
    }

    public JsonNode revoke(String id, String reason) {
        return send("POST", "/api/requests/" + checkedId(id) + "/revoke", field("reason", reason), "revoking " + id);
    }

    public JsonNode cancel(String id) {
        return send("POST", "/api/requests/" + checkedId(id) + "/cancel", JSON.createObjectNode(), "cancelling " + id);
    }

    /** The kill switch (group admins): cuts every session on {@code target} ({@code service/instance}), or everywhere. */
    public JsonNode kill(@Nullable String target, String reason) {
        ObjectNode body = field("reason", reason);
        if (target != null) {
            body.put("target", target);
        }
        return send("POST", "/api/admin/kill", body, "pulling the kill switch");
    }

    /** What a snapshot session's breakpoints captured (masked). */
    public JsonNode captures(String id) {
        return send("GET", "/api/sessions/" + checkedId(id) + "/captures", null, "reading the captures of " + id);
    }

    /** Masks a sample and says which rule masked what (any signed-in user); with target and mode, the overrides there. */
    public JsonNode explainPolicy(String text, @Nullable String target, @Nullable String mode) {
        ObjectNode body = field("text", text);
        if (target != null) {
            body.put("target", target);
        }
        if (mode != null) {
            body.put("mode", mode);
        }
        return send("POST", "/api/policy/explain", body, "explaining the masking of the sample");
    }

    /** The policy in force: source, sha256, loaded at and by, overrides (admins). */
    public JsonNode policy() {
        return send("GET", "/api/admin/policy", null, "reading the policy in force");
    }

    /** Re-reads the gateway's policy file and applies it, or says why not (admins). */
    public JsonNode reloadPolicy() {
        return send("POST", "/api/admin/policy/reload", JSON.createObjectNode(), "reloading the policy");
    }

    public static String checkedId(String id) {
        if (!REQUEST_ID.matcher(id).matches()) {
            throw new DgateException("request id '" + id + "' is not valid: use the id shown by dgate requests, e.g. dr-5f2c0a9e41b7d3c8");
        }
        return id;
    }

    private static ObjectNode field(String name, @Nullable String value) {
        ObjectNode body = JSON.createObjectNode();
        if (value != null) {
            body.put(name, value);
        }
        return body;
    }

    private JsonNode send(String method, String path, @Nullable JsonNode body, String action) {
        URI uri = tokens.gateway().resolve(path);
        String token = tokens.current();
        HttpResponse<String> response = exchange(method, uri, body, token, action);
        if (response.statusCode() == 401) {
            response = exchange(method, uri, body, tokens.renewAfterRejection(token), action);
        }
        if (response.statusCode() / 100 != 2) {
            throw new GatewayRefusedException(action, Problem.parse(response.statusCode(), response.body()));
        }
        if (response.body().isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new DgateException(action + ": the gateway answered " + response.statusCode()
                    + " with a body that is not JSON; is " + tokens.gateway() + " a debuggate gateway?", e);
        }
    }

    private HttpResponse<String> exchange(String method, URI uri, @Nullable JsonNode body, String token, String action) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DgateException(action + ": cannot reach the gateway at " + tokens.gateway() + " (" + describe(e)
                    + "): is it running? check --gateway or DGATE_GATEWAY", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DgateException(action + ": interrupted", e);
        }
    }

    static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
