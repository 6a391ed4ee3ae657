/**
 * The debugger tunnel: a WebSocket per debugger client connection, brokered message by message to
 * a relay connection on the target's agent, and the registry of live sessions that can cut them
 * and tear the target down safely.
 */
@NullMarked
package io.debuggate.gateway.tunnel;

import org.jspecify.annotations.NullMarked;
