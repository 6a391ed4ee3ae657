/**
 * Who is calling: the embedded OAuth2/OIDC issuer with its demo users (the laptop default), the
 * resource-server side that turns any issuer's JWT into a {@link io.debuggate.gateway.identity.CurrentCaller},
 * and the filter chains that keep the two apart.
 */
@NullMarked
package io.debuggate.gateway.identity;

import org.jspecify.annotations.NullMarked;
