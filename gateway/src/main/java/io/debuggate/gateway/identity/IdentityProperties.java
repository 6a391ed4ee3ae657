package io.debuggate.gateway.identity;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity settings.
 *
 * @param externalIssuerUri an external OIDC issuer (Keycloak, Okta, Entra ID) whose tokens the API
 *     accepts instead of the embedded issuer's; unset = embedded issuer (default)
 * @param issuer the {@code iss} the embedded issuer puts in its tokens; unset = derived from the
 *     request URL, which is fine on a laptop but not behind a proxy
 * @param accessTokenTtl lifetime of access tokens (default 15 minutes): short, because a token is
 *     the key to a debugger
 * @param demoUsers whether the documented demo users exist (default true; turn off in production)
 * @param demoPassword the password of every demo user (default {@code demo})
 * @param cliRedirectUris redirect URIs the {@code dgate} CLI may use (loopback, any port)
 * @param keyFile where the embedded issuer keeps its signing key so tokens survive a restart;
 *     unset = {@code <debuggate.home>/identity/signing-key.json}
 */
@ConfigurationProperties("debuggate.identity")
public record IdentityProperties(
        @Nullable String externalIssuerUri,
        @Nullable String issuer,
        @DefaultValue("PT15M") Duration accessTokenTtl,
        @DefaultValue("true") boolean demoUsers,
        @DefaultValue("demo") String demoPassword,
        @DefaultValue("http://127.0.0.1/callback") List<String> cliRedirectUris,
        @Nullable String keyFile) {

    /** Groups the product knows; a token's other groups are ignored. */
    public static final Set<String> KNOWN_GROUPS =
            Set.of("engineers", "dev-leads", "ops-leads", "auditors", "admins");

    public IdentityProperties {
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.toHours() > 12) {
            throw new IllegalArgumentException("debuggate.identity.access-token-ttl must be between 1s and 12h, was "
                    + accessTokenTtl + "; a debugger token should be short-lived, e.g. PT15M");
        }
        if (demoPassword.length() < 4) {
            throw new IllegalArgumentException("debuggate.identity.demo-password must have at least 4 characters");
        }
    }

    public boolean embeddedIssuer() {
        return externalIssuerUri == null || externalIssuerUri.isBlank();
    }
}
