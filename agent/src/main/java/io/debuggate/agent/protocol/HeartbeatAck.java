package io.debuggate.agent.protocol;

/**
 * Body of a successful {@code POST /v1/heartbeat}.
 *
 * @param armed         a dlv is attached, so the dead-man switch counts down from now
 * @param timeoutMillis the agent's dead-man timeout: send heartbeats well within it (e.g. every third of it)
 */
public record HeartbeatAck(boolean armed, long timeoutMillis) {
}
