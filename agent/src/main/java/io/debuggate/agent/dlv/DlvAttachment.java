package io.debuggate.agent.dlv;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * A running {@code dlv attach}: its own pid, the pid it traces and its loopback API address.
 */
public record DlvAttachment(long dlvPid, long targetPid, InetSocketAddress apiAddress, Instant startedAt) {
}
