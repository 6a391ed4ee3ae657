package io.debuggate.cli.auth;

import tools.jackson.databind.JsonNode;

/** Reads token endpoint answers (authorization code, device code and refresh grants alike). */
final class TokenResponses {

    private TokenResponses() {
    }

    static TokenResponse parse(String body) {
        JsonNode node = PasswordLogin.json(body);
        JsonNode access = node.get("access_token");
        if (access == null || !access.isString()) {
            throw new LoginFailedException("the token endpoint answered without an access_token");
        }
        JsonNode refresh = node.get("refresh_token");
        JsonNode expires = node.get("expires_in");
        return new TokenResponse(access.asString(),
                refresh != null && refresh.isString() ? refresh.asString() : null,
                expires != null ? expires.asLong() : 0);
    }
}
