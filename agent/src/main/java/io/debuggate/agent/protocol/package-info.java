/**
 * The wire contract between the gateway and the agent: Ed25519-signed short-lived order
 * tokens ({@link io.debuggate.agent.protocol.OrderToken}, signed by
 * {@link io.debuggate.agent.protocol.OrderTokenSigner} on the gateway, checked by
 * {@link io.debuggate.agent.protocol.OrderTokenVerifier} on the agent), key file helpers, the
 * dlv relay preface and the JSON bodies of the agent's HTTP answers. No HTTP server or client
 * code lives here, so the gateway can depend on it without pulling the agent's runtime.
 */
@NullMarked
package io.debuggate.agent.protocol;

import org.jspecify.annotations.NullMarked;
