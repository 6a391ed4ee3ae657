/**
 * Delve on the agent's host: the attach-only command line (and dlv's own
 * {@code AttachedToExistingProcess} answer), the supervisor that starts one headless multi-client
 * {@code dlv attach} on loopback per target and stops it with the teardown sequence then SIGTERM
 * (never SIGKILL), the dead-man switch that does so when the gateway's heartbeats stop, and the
 * TCP relay that admits a connection only after its order token is verified. The JSON-RPC side
 * of the teardown is in {@link io.debuggate.agent.dlv.control}.
 */
@NullMarked
package io.debuggate.agent.dlv;

import org.jspecify.annotations.NullMarked;
