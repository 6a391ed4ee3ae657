package io.debuggate.gateway.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Lets the CLI, a public client with no secret, use the device authorization grant (RFC 8628).
 * The authorization server authenticates public clients only through PKCE, which belongs to the
 * authorization-code grant; a device-flow request carries just {@code client_id}. This accepts
 * exactly that, for clients registered with authentication method {@code none} and the device
 * grant — on the device authorization endpoint and on token requests of that grant only.
 */
final class DeviceClientAuthentication {

    private DeviceClientAuthentication() {
    }

    /** Marks a client authenticated by {@code client_id} alone, so no other provider takes it. */
    static final class DeviceClientToken extends OAuth2ClientAuthenticationToken {

        DeviceClientToken(String clientId) {
            super(clientId, ClientAuthenticationMethod.NONE, null, null);
        }

        DeviceClientToken(RegisteredClient client) {
            super(client, ClientAuthenticationMethod.NONE, null);
        }
    }

    static final class Converter implements AuthenticationConverter {

        private final RequestMatcher deviceAuthorization;
        private final RequestMatcher token;

        Converter(String deviceAuthorizationEndpoint, String tokenEndpoint) {
            this.deviceAuthorization = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, deviceAuthorizationEndpoint);
            this.token = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, tokenEndpoint);
        }

        @Override
        public @Nullable Authentication convert(HttpServletRequest request) {
            boolean deviceGrant = token.matches(request)
                    && AuthorizationGrantType.DEVICE_CODE.getValue().equals(request.getParameter("grant_type"));
            if (!deviceAuthorization.matches(request) && !deviceGrant) {
                return null;
            }
            if (request.getHeader("Authorization") != null || request.getParameter("client_secret") != null) {
                return null; // a confidential client: the regular authenticators handle it
            }
            String[] ids = request.getParameterValues("client_id");
            if (ids == null || ids.length != 1 || ids[0].isBlank()) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                        "send exactly one client_id", null));
            }
            return new DeviceClientToken(ids[0]);
        }
    }

    static final class Provider implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        Provider(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            String clientId = (String) authentication.getPrincipal();
            RegisteredClient client = clients.findByClientId(clientId);
            if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                    || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                        "client '" + clientId + "' is not a public client allowed to use the device flow", null));
            }
            return new DeviceClientToken(client);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return DeviceClientToken.class.isAssignableFrom(authentication);
        }
    }
}
