package io.debuggate.gateway.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.debuggate.gateway.DebuggateHome;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The embedded OAuth2/OIDC issuer (Spring Authorization Server): the out-of-the-box identity
 * provider. Production points {@code debuggate.identity.external-issuer-uri} at a real one and
 * this configuration steps aside.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${debuggate.identity.external-issuer-uri:}' == ''")
class EmbeddedIssuerConfiguration {

    static final String CLI_CLIENT_ID = "dgate-cli";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
                                                 AuthorizationServerSettings settings) throws Exception {
        OAuth2AuthorizationServerConfigurer issuer = new OAuth2AuthorizationServerConfigurer();
        DeviceClientAuthentication.Converter deviceClients = new DeviceClientAuthentication.Converter(
                settings.getDeviceAuthorizationEndpoint(), settings.getTokenEndpoint());
        http.securityMatcher(issuer.getEndpointsMatcher())
                .with(issuer, as -> as
                        .oidc(Customizer.withDefaults())
                        // dgate login: RFC 8628, the code is entered at /oauth2/device_verification
                        .deviceAuthorizationEndpoint(Customizer.withDefaults())
                        .deviceVerificationEndpoint(Customizer.withDefaults())
                        .clientAuthentication(client -> client
                                .authenticationConverters(converters -> converters.addFirst(deviceClients))
                                .authenticationProviders(providers -> providers.addFirst(
                                        new DeviceClientAuthentication.Provider(clients)))))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(issuer.getEndpointsMatcher()))
                // A browser that is not logged in goes to the login page; API clients get 401.
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    RegisteredClientRepository registeredClients(IdentityProperties properties) {
        RegisteredClient.Builder cli = RegisteredClient.withId(UUID.nameUUIDFromBytes(CLI_CLIENT_ID.getBytes()).toString())
                .clientId(CLI_CLIENT_ID)
                .clientName("dgate command line")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.accessTokenTtl())
                        .reuseRefreshTokens(false)
                        .build());
        properties.cliRedirectUris().forEach(cli::redirectUri);
        return new InMemoryRegisteredClientRepository(cli.build());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (properties.issuer() != null && !properties.issuer().isBlank()) {
            settings.issuer(properties.issuer());
        }
        return settings.build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties, DebuggateHome home) {
        Path keyFile = properties.keyFile() != null
                ? Path.of(properties.keyFile())
                : home.resolve("identity/signing-key.json");
        return new ImmutableJWKSet<>(new JWKSet(SigningKeyStore.loadOrCreate(keyFile)));
    }

    /** Puts the caller's groups into every token, so the API never asks the issuer again. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> groupsClaim() {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                    || "id_token".equals(context.getTokenType().getValue())) {
                List<String> groups = context.getPrincipal().getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(a -> a != null && a.startsWith(CallerAuthorities.GROUP_PREFIX))
                        .map(a -> a.substring(CallerAuthorities.GROUP_PREFIX.length()))
                        .filter(IdentityProperties.KNOWN_GROUPS::contains)
                        .sorted()
                        .toList();
                context.getClaims().claim(CallerAuthorities.GROUPS_CLAIM, groups);
            }
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(IdentityProperties properties, PasswordEncoder encoder) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (properties.demoUsers()) {
            String password = encoder.encode(properties.demoPassword());
            for (DemoUsers.DemoUser demo : DemoUsers.ALL) {
                users.createUser(User.withUsername(demo.username())
                        .password(password)
                        .authorities(demo.groups().stream().map(g -> CallerAuthorities.GROUP_PREFIX + g).toArray(String[]::new))
                        .build());
            }
        }
        return users;
    }
}
