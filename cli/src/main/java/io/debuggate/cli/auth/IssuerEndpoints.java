package io.debuggate.cli.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Where the CLI gets and refreshes tokens, and as which client.
 *
 * @param deviceAuthorization RFC 8628 device authorization endpoint
 * @param token the token endpoint (device code, refresh and authorization code grants)
 * @param clientId the public client the CLI is registered as
 */
public record IssuerEndpoints(URI deviceAuthorization, URI token, String clientId) {

    public static final String DEFAULT_CLIENT_ID = "dgate-cli";

    /** The gateway's embedded issuer, whose endpoints sit on the gateway itself. */
    public static IssuerEndpoints embedded(URI gateway) {
        return new IssuerEndpoints(gateway.resolve("/oauth2/device_authorization"), gateway.resolve("/oauth2/token"), DEFAULT_CLIENT_ID);
    }

    /** Any OIDC issuer that publishes its endpoints in {@code /.well-known/openid-configuration}. */
    public static IssuerEndpoints discover(HttpClient http, URI issuer, String clientId) {
        String base = issuer.toString().endsWith("/") ? issuer.toString().substring(0, issuer.toString().length() - 1) : issuer.toString();
        URI wellKnown = URI.create(base + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(wellKnown).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LoginFailedException("the issuer's discovery document " + wellKnown + " answered " + response.statusCode()
                        + ": check --issuer (it must be the OIDC issuer URL)");
            }
            JsonNode doc = PasswordLogin.json(response.body());
            JsonNode device = doc.get("device_authorization_endpoint");
            JsonNode token = doc.get("token_endpoint");
            if (device == null || !device.isString() || token == null || !token.isString()) {
                throw new LoginFailedException("the issuer " + issuer + " does not publish a device_authorization_endpoint and token_endpoint: "
                        + "enable the device authorization grant for client '" + clientId + "' there");
            }
            return new IssuerEndpoints(URI.create(device.asString()), URI.create(token.asString()), clientId);
        } catch (IOException e) {
            throw new LoginFailedException("cannot reach the issuer at " + wellKnown + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new LoginFailedException("the issuer's discovery document " + wellKnown + " is not JSON: check --issuer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailedException("interrupted while reading " + wellKnown, e);
        }
    }
}
