package io.debuggate.agent.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code GET /v1/health} (no authentication; carries nothing secret).
 *
 * @param targetPid   the target's pid, or null when the pid file is missing or unreadable
 * @param targetAlive whether that process exists
 * @param dlvRunning  whether a dlv attached by this agent is running
 * @param relayPort   the TCP port of the dlv relay on the agent's host
 */
public record AgentHealth(String agentId, String target, @Nullable Long targetPid, boolean targetAlive,
                          boolean dlvRunning, int relayPort) {
}
