/**
 * The gateway's side of the agent contract: {@link io.debuggate.agent.client.AgentClient}
 * signs each order with the gateway's key and calls the agent's HTTP API or opens a relay
 * connection to dlv. Plain JDK HTTP client and sockets; no framework.
 */
@NullMarked
package io.debuggate.agent.client;

import org.jspecify.annotations.NullMarked;
