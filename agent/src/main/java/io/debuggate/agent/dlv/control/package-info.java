/**
 * Speaking to Delve as a guardian, not as a user: a small JSON-RPC client for a control
 * connection ({@link io.debuggate.agent.dlv.control.DlvControlConnection}), the one teardown
 * sequence of debug-protocols §4.2 that leaves the target running ({@link
 * io.debuggate.agent.dlv.control.TeardownSequence}), and the check from outside that it really
 * does ({@link io.debuggate.agent.dlv.control.TargetVerification}). Used by the agent before it
 * stops dlv and by the gateway over a relay connection. Nothing here can kill the target.
 */
@NullMarked
package io.debuggate.agent.dlv.control;

import org.jspecify.annotations.NullMarked;
