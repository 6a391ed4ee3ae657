/**
 * The agent process: {@link io.debuggate.agent.AgentMain} reads arguments and environment into
 * an {@link io.debuggate.agent.AgentConfig} and runs an {@link io.debuggate.agent.Agent}, which
 * owns the HTTP server, the dlv relay and the dlv supervisor, and stops them in a safe order.
 */
@NullMarked
package io.debuggate.agent;

import org.jspecify.annotations.NullMarked;
