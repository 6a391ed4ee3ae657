package io.debuggate.cli.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The OAuth2 device authorization grant (RFC 8628) for people: {@link #start()} asks the issuer
 * for a user code, the user approves it in any browser, {@link #await} polls the token endpoint at
 * the pace the issuer sets ({@code interval}, {@code slow_down}) until it answers with tokens, a
 * refusal or an expiry.
 */
public final class DeviceLogin {

    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** RFC 8628 §3.5: on slow_down "the interval MUST be increased by 5 seconds". */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final HttpClient http;
    private final IssuerEndpoints endpoints;
    private final Clock clock;
    private final Sleeper sleeper;

    public DeviceLogin(HttpClient http, IssuerEndpoints endpoints, Clock clock, Sleeper sleeper) {
        this.http = http;
        this.endpoints = endpoints;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public DeviceAuthorization start() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", endpoints.clientId());
        // The CLI needs an access token only. No "openid": Spring Authorization Server refuses OIDC
        // scopes on the device grant (invalid_scope), and no issuer needs it for an API token.
        form.put("scope", "profile");
        HttpResponse<String> response = post(endpoints.deviceAuthorization(), form, "the device authorization endpoint");
        if (response.statusCode() != 200) {
            throw new LoginFailedException("the device authorization endpoint " + endpoints.deviceAuthorization() + " answered "
                    + response.statusCode() + describeError(response.body())
                    + ": check that client '" + endpoints.clientId() + "' may use the device flow there");
        }
        JsonNode body = parse(response.body(), "the device authorization endpoint");
        String deviceCode = text(body, "device_code");
        String userCode = text(body, "user_code");
        String verification = text(body, "verification_uri");
        if (deviceCode == null || userCode == null || verification == null) {
            throw new LoginFailedException("the device authorization endpoint answered without device_code, user_code or verification_uri");
        }
        String complete = text(body, "verification_uri_complete");
        JsonNode expires = body.get("expires_in");
        JsonNode interval = body.get("interval");
        return new DeviceAuthorization(deviceCode, userCode, URI.create(verification),
                complete != null ? URI.create(complete) : null,
                Duration.ofSeconds(expires != null && expires.canConvertToLong() ? expires.asLong() : 300),
                interval != null && interval.canConvertToLong() && interval.asLong() > 0
                        ? Duration.ofSeconds(interval.asLong()) : DeviceAuthorization.DEFAULT_INTERVAL);
    }

    /** Polls until the user approved (tokens), denied, or the code expired. */
    public TokenResponse await(DeviceAuthorization authorization) {
        Instant deadline = clock.instant().plus(authorization.expiresIn());
        Duration interval = authorization.interval();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", DEVICE_CODE_GRANT);
        form.put("device_code", authorization.deviceCode());
        form.put("client_id", endpoints.clientId());
        while (true) {
            if (!clock.instant().plus(interval).isBefore(deadline.plusSeconds(1))) {
                throw expired();
            }
            pause(interval);
            HttpResponse<String> response;
            try {
                response = http.send(request(endpoints.token(), form), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // RFC 8628 §3.5: back off on connection problems instead of hammering the issuer.
                interval = min(interval.multipliedBy(2), MAX_BACKOFF);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoginFailedException("login interrupted", e);
            }
            if (response.statusCode() == 200) {
                return TokenResponses.parse(response.body());
            }
            String error = errorCode(response.body());
            switch (error) {
                case "authorization_pending" -> { }
                case "slow_down" -> interval = interval.plus(SLOW_DOWN_STEP);
                case "expired_token" -> throw expired();
                case "access_denied" -> throw new LoginFailedException("the sign-in was denied in the browser: run dgate login again if that was a mistake");
                default -> {
                    if (response.statusCode() >= 500) {
                        interval = min(interval.multipliedBy(2), MAX_BACKOFF);
                    } else {
                        throw new LoginFailedException("the token endpoint " + endpoints.token() + " refused the device code ("
                                + response.statusCode() + describeError(response.body()) + "): check that client '"
                                + endpoints.clientId() + "' may use the device_code grant");
                    }
                }
            }
        }
    }

    private void pause(Duration interval) {
        try {
            sleeper.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailedException("login interrupted", e);
        }
    }

    private static LoginFailedException expired() {
        return new LoginFailedException("the code expired before the sign-in was approved: run dgate login again and approve it sooner");
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form, String what) {
        try {
            return http.send(request(uri, form), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoginFailedException("cannot reach " + what + " at " + uri + ": " + e.getMessage()
                    + " (is the gateway running? check --gateway or DGATE_GATEWAY)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailedException("login interrupted", e);
        }
    }

    private static HttpRequest request(URI uri, Map<String, String> form) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FormParams.encode(form)))
                .build();
    }

    private static String errorCode(String body) {
        try {
            String code = text(PasswordLogin.json(body), "error");
            return code != null ? code : "";
        } catch (JacksonException e) {
            return "";
        }
    }

    static String describeError(String body) {
        try {
            JsonNode node = PasswordLogin.json(body);
            String error = text(node, "error");
            String description = text(node, "error_description");
            if (error == null) {
                return "";
            }
            return " " + error + (description != null ? ": " + description : "");
        } catch (JacksonException e) {
            return "";
        }
    }

    private static JsonNode parse(String body, String what) {
        try {
            return PasswordLogin.json(body);
        } catch (JacksonException e) {
            throw new LoginFailedException(what + " did not answer JSON; is this an OAuth2 issuer?", e);
        }
    }

    private static @org.jspecify.annotations.Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
