package io.debuggate.gateway.identity;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API accepts only bearer tokens (from the embedded issuer or the configured external one);
 * everything else on the site is the login page, the public health/metrics endpoints and the UI.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class ApiSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, JwtAuthenticationConverter tokens) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens only, no cookies: CSRF cannot ride on them.
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(tokens)));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain siteChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/error", "/favicon.ico", "/actuator/health/**",
                                "/actuator/prometheus", "/actuator/info", "/v3/api-docs/**", "/swagger-ui/**",
                                "/swagger-ui.html", "/css/**", "/js/**", "/webjars/**")
                        .permitAll()
                        .anyRequest().authenticated())
                // the web UI's own login page (io.debuggate.gateway.web.LoginController): same form fields
                // and CSRF token as Spring's default one, so the CLI's scripted login keeps working
                .formLogin(form -> form.loginPage("/login").permitAll());
        return http.build();
    }

    /**
     * No observation wrappers around the security filters, the authentication manager or the
     * authorization manager. {@code management.observations.enable.spring.security=false} only
     * turns their observations into no-ops: each of the ~15 filters was still wrapped and paid for
     * a no-op observation on every request (about 5 % of a pprof fetch's request thread). The
     * request's own {@code http.server.requests} observation stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtDecoder jwtDecoder(IdentityProperties properties, ObjectProvider<JWKSource<SecurityContext>> embeddedKeys, Clock clock) {
        JwtDecoder issuer = properties.embeddedIssuer()
                ? OAuth2AuthorizationServerConfiguration.jwtDecoder(embeddedKeys.getObject())
                : JwtDecoders.fromIssuerLocation(properties.externalIssuerUri());
        return new RememberingJwtDecoder(issuer, clock, RememberingJwtDecoder.DEFAULT_CAPACITY);
    }

    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter groups = new JwtGrantedAuthoritiesConverter();
        groups.setAuthoritiesClaimName(CallerAuthorities.GROUPS_CLAIM);
        groups.setAuthorityPrefix(CallerAuthorities.GROUP_PREFIX);
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(groups);
        return converter;
    }
}
