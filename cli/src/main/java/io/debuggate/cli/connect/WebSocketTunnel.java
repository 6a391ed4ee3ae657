package io.debuggate.cli.connect;

import io.debuggate.cli.DgateException;
import io.debuggate.cli.api.BearerTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A local TCP port for a debugger client ({@code dlv connect}, a DAP client): every accepted
 * connection gets its own WebSocket to {@code <gateway>/api/sessions/ID/tunnel/<tool>},
 * authenticated with the user's bearer token, and its bytes travel in binary frames both ways.
 * Framing of the debugger protocol is left to the gateway, which parses every message.
 */
public final class WebSocketTunnel implements LocalEndpoint {

    private final Tool tool;
    private final ServerSocket listener;
    private final URI upstream;
    private final BearerTokens tokens;
    private final Consumer<String> events;
    private final Set<TunnelConnection> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private WebSocketTunnel(Tool tool, ServerSocket listener, URI upstream, BearerTokens tokens,
                            Consumer<String> events) {
        this.tool = tool;
        this.listener = listener;
        this.upstream = upstream;
        this.tokens = tokens;
        this.events = events;
        this.acceptor = Thread.ofVirtual().name("dgate-" + tool.wireName() + "-accept").unstarted(this::acceptLoop);
    }

    /** Listens on 127.0.0.1:{@code port} (0 = any free port). */
    public static WebSocketTunnel start(Tool tool, int port, SessionRoutes routes, BearerTokens tokens,
                                        Consumer<String> events) {
        if (tool == Tool.PPROF) {
            throw new IllegalArgumentException("pprof is forwarded over HTTP by PprofForwarder, not tunnelled");
        }
        ServerSocket listener;
        try {
            listener = new ServerSocket(port, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new DgateException("cannot listen on 127.0.0.1:" + port + " for " + tool.wireName() + " (" + e.getMessage()
                    + "): choose another --" + tool.wireName() + "-port or leave it out to pick a free one", e);
        }
        WebSocketTunnel tunnel = new WebSocketTunnel(tool, listener, routes.tunnel(tool), tokens, events);
        tunnel.acceptor.start();
        return tunnel;
    }

    @Override
    public Tool tool() {
        return tool;
    }

    @Override
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public List<String> usage() {
        String address = "127.0.0.1:" + port();
        return switch (tool) {
            case DLV -> List.of("dlv connect " + address);
            case DAP -> List.of("VS Code launch.json: {\"type\": \"go\", \"request\": \"attach\", \"mode\": \"remote\", "
                    + "\"host\": \"127.0.0.1\", \"port\": " + port() + "}");
            case PPROF -> List.of();
        };
    }

    /** Connections currently relayed (for tests and the status line). */
    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        acceptor.interrupt();
        for (TunnelConnection connection : open) {
            connection.close("dgate connect is shutting down");
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    events.accept(tool.wireName() + ": accept failed: " + e.getMessage());
                }
                return;
            }
            // platform thread: few connections, and a blocked read wakes it without the virtual-thread poller's hop
            Thread.ofPlatform().daemon().name("dgate-" + tool.wireName() + "-conn").start(() -> relay(socket));
        }
    }

    private void relay(Socket socket) {
        try {
            socket.setTcpNoDelay(true); // debugger RPCs are small request/response writes
        } catch (java.io.IOException e) {
            // the connection is already gone; run() finds out
        }
        TunnelConnection connection = new TunnelConnection(tool, socket, upstream, tokens, events);
        open.add(connection);
        try {
            connection.run();
        } finally {
            open.remove(connection);
        }
    }
}
