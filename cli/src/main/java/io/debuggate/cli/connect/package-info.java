/**
 * {@code dgate connect}: local ports on 127.0.0.1 that carry the user's tools to one approved
 * session through the gateway, with the user's token. {@link io.debuggate.cli.connect.PprofForwarder}
 * forwards {@code /debug/pprof/*} over HTTP, streaming both ways;
 * {@link io.debuggate.cli.connect.WebSocketTunnel} carries each TCP connection of {@code dlv connect}
 * or a DAP client over its own WebSocket. Nothing here parses or decides: the gateway does.
 */
@NullMarked
package io.debuggate.cli.connect;

import org.jspecify.annotations.NullMarked;
