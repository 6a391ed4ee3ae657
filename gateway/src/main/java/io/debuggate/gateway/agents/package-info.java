/**
 * The gateway's side of the agent protocol: the Ed25519 key that signs orders, and the short-lived
 * orders themselves. Agents trust nothing else.
 */
@NullMarked
package io.debuggate.gateway.agents;

import org.jspecify.annotations.NullMarked;
