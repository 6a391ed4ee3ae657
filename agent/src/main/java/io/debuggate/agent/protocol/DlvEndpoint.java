package io.debuggate.agent.protocol;

/**
 * Body of a successful {@code POST /v1/dlv/attach}: where to open relay connections.
 *
 * @param relayHost  the agent address the gateway reached, to connect the relay to
 * @param relayPort  the relay port; each connection starts with a {@link RelayPreface}
 * @param targetPid  the process dlv is attached to
 * @param startedNow true when this order started dlv, false when one was already attached
 */
public record DlvEndpoint(String relayHost, int relayPort, long targetPid, boolean startedNow) {
}
