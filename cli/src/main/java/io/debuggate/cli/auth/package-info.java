/**
 * Getting and keeping a token for {@code dgate}: the OAuth2 device flow for people
 * ({@link io.debuggate.cli.auth.DeviceLogin}), a scripted authorization-code flow with PKCE for
 * the embedded issuer's demo users ({@link io.debuggate.cli.auth.PasswordLogin}), the refresh
 * grant, and issuer discovery for external OIDC issuers.
 */
@NullMarked
package io.debuggate.cli.auth;

import org.jspecify.annotations.NullMarked;
