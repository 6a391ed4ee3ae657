/**
 * Delve on the agent's host: the attach-only command line, the supervisor that starts one
 * headless multi-client {@code dlv attach} on loopback per target and stops it with SIGTERM
 * (never SIGKILL), and the TCP relay that admits a connection only after its order token is
 * verified. The teardown sequence of debug-protocols §4.2 plugs in through {@link
 * io.debuggate.agent.dlv.BeforeDlvStop}.
 */
@NullMarked
package io.debuggate.agent.dlv;

import org.jspecify.annotations.NullMarked;
