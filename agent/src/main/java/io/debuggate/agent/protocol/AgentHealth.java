package io.debuggate.agent.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code GET /v1/health} (no authentication; carries nothing secret).
 *
 * @param targetPid   the target's pid, or null when the pid file is missing or unreadable
 * @param targetAlive whether that process exists
 * @param dlvRunning  whether a dlv attached by this agent is running
 * @param relayPort   the TCP port of the dlv relay on the agent's host
 * @param targetState the {@code State:} line of {@code /proc/PID/status} ({@code S (sleeping)}, {@code t (tracing stop)}, ...),
 *                    or null when unreadable: lets the gateway verify from outside that a torn-down target runs
 * @param targetTraced whether {@code TracerPid} is non-zero (a debugger is attached)
 */
public record AgentHealth(String agentId, String target, @Nullable Long targetPid, boolean targetAlive,
                          boolean dlvRunning, int relayPort, @Nullable String targetState, boolean targetTraced) {

    public AgentHealth(String agentId, String target, @Nullable Long targetPid, boolean targetAlive, boolean dlvRunning,
                       int relayPort) {
        this(agentId, target, targetPid, targetAlive, dlvRunning, relayPort, null, false);
    }

    /** Running as production should be after a teardown: alive, not stopped, not traced. */
    public boolean targetServing() {
        return targetAlive && !targetTraced && targetState != null && !targetState.startsWith("t") && !targetState.startsWith("T");
    }
}
