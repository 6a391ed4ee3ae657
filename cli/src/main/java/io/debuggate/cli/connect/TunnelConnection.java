package io.debuggate.cli.connect;

import io.debuggate.cli.DgateException;
import io.debuggate.cli.api.BearerTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One local TCP connection relayed over one WebSocket. Two threads, one per direction, each
 * blocking on its own read and writing straight to the other side: backpressure is the sockets'
 * own (a slow side stops the reads that feed it), and no frame waits for a third thread.
 */
final class TunnelConnection {

    private static final int CHUNK = 64 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final int NORMAL_CLOSURE = 1000;

    private final Tool tool;
    private final Socket socket;
    private final URI upstream;
    private final BearerTokens tokens;
    private final Consumer<String> events;
    private volatile @Nullable BlockingWebSocket webSocket;

    TunnelConnection(Tool tool, Socket socket, URI upstream, BearerTokens tokens, Consumer<String> events) {
        this.tool = tool;
        this.socket = socket;
        this.upstream = upstream;
        this.tokens = tokens;
        this.events = events;
    }

    void run() {
        String peer = socket.getRemoteSocketAddress().toString();
        BlockingWebSocket ws = open();
        if (ws == null) {
            closeSocket();
            return;
        }
        webSocket = ws;
        events.accept(tool.wireName() + ": connection from " + peer + " tunnelled to " + upstream);
        // platform thread: a blocked read wakes it directly, without the virtual-thread poller's hop
        Thread downstream = Thread.ofPlatform().daemon().name("dgate-" + tool.wireName() + "-down").start(() -> relayDown(ws));
        try (InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (n > 0) {
                    ws.sendBinary(buffer, 0, n);
                }
            }
            ws.sendClose(NORMAL_CLOSURE, "client closed");
            downstream.join(CONNECT_TIMEOUT.toMillis()); // the gateway's close answer ends it
        } catch (IOException e) {
            // either side broke off; both are closed below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ws.close();
            closeSocket();
            events.accept(tool.wireName() + ": connection from " + peer + " closed");
        }
    }

    void close(String why) {
        BlockingWebSocket ws = webSocket;
        if (ws != null) {
            ws.sendClose(NORMAL_CLOSURE, why);
        }
        closeSocket();
    }

    /** Gateway to debugger client: replies in binary messages; the gateway's words to the person in text. */
    private void relayDown(BlockingWebSocket ws) {
        try {
            OutputStream out = socket.getOutputStream();
            for (BlockingWebSocket.Frame frame; (frame = ws.receive()) != null; ) {
                switch (frame) {
                    case BlockingWebSocket.Frame.Binary binary -> {
                        out.write(binary.payload());
                        out.flush();
                    }
                    case BlockingWebSocket.Frame.Text text -> events.accept(tool.wireName() + ": gateway: " + text.text());
                    case BlockingWebSocket.Frame.Close close -> {
                        if (close.code() != NORMAL_CLOSURE || !close.reason().isEmpty()) {
                            events.accept(tool.wireName() + ": the gateway closed the tunnel (" + close.code()
                                    + (close.reason().isEmpty() ? "" : " " + close.reason()) + ")");
                        }
                        return;
                    }
                }
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                events.accept(tool.wireName() + ": tunnel error: " + e.getMessage());
            }
        } finally {
            ws.close();
            closeSocket();
        }
    }

    private @Nullable BlockingWebSocket open() {
        String token = tokens.current();
        try {
            return connect(token);
        } catch (BlockingWebSocket.HandshakeRefusedException refused) {
            if (refused.status() == 401) {
                try {
                    return connect(tokens.renewAfterRejection(token));
                } catch (IOException retry) {
                    reportRefusal(retry);
                    return null;
                } catch (DgateException login) {
                    events.accept(tool.wireName() + ": " + login.getMessage());
                    return null;
                }
            }
            reportRefusal(refused);
            return null;
        } catch (IOException e) {
            reportRefusal(e);
            return null;
        } catch (DgateException login) {
            events.accept(tool.wireName() + ": " + login.getMessage());
            return null;
        }
    }

    private BlockingWebSocket connect(String token) throws IOException {
        return BlockingWebSocket.connect(upstream, Map.of("Authorization", "Bearer " + token), CONNECT_TIMEOUT);
    }

    private void reportRefusal(IOException e) {
        if (e instanceof BlockingWebSocket.HandshakeRefusedException) {
            events.accept(tool.wireName() + ": the gateway refused the tunnel: " + e.getMessage());
        } else {
            events.accept(tool.wireName() + ": cannot open the tunnel to " + upstream + ": " + e.getMessage());
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
