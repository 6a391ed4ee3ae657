/**
 * Getting a token for {@code dgate}: the OAuth2 device flow for people, and a scripted
 * authorization-code flow with PKCE for the embedded issuer's demo users (scripts and tests).
 */
@NullMarked
package io.debuggate.cli.auth;

import org.jspecify.annotations.NullMarked;
