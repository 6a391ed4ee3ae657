package io.debuggate.cli.connect;

import io.debuggate.cli.DgateException;
import io.debuggate.cli.api.BearerTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One local TCP connection relayed over one WebSocket. Backpressure both ways: the socket is read
 * only after the previous frame was sent, and the next frame is requested only after the previous
 * one was written to the socket, so a slow side never makes the other side buffer without bound.
 */
final class TunnelConnection implements WebSocket.Listener {

    private static final int CHUNK = 64 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final Tool tool;
    private final Socket socket;
    private final HttpClient http;
    private final URI upstream;
    private final BearerTokens tokens;
    private final Consumer<String> events;
    private volatile @Nullable WebSocket webSocket;

    TunnelConnection(Tool tool, Socket socket, HttpClient http, URI upstream, BearerTokens tokens, Consumer<String> events) {
        this.tool = tool;
        this.socket = socket;
        this.http = http;
        this.upstream = upstream;
        this.tokens = tokens;
        this.events = events;
    }

    void run() {
        String peer = socket.getRemoteSocketAddress().toString();
        WebSocket ws = open();
        if (ws == null) {
            closeSocket();
            return;
        }
        events.accept(tool.wireName() + ": connection from " + peer + " tunnelled to " + upstream);
        try (InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0) {
                    ws.sendBinary(ByteBuffer.wrap(buffer, 0, n).asReadOnlyBuffer(), true).join();
                }
            }
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").join();
        } catch (IOException | CompletionException e) {
            if (!ws.isOutputClosed()) {
                ws.abort();
            }
        } finally {
            closeSocket();
            events.accept(tool.wireName() + ": connection from " + peer + " closed");
        }
    }

    void close(String why) {
        WebSocket ws = webSocket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, why);
        }
        closeSocket();
    }

    private @Nullable WebSocket open() {
        String token = tokens.current();
        try {
            return connect(token);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake && handshake.getResponse().statusCode() == 401) {
                try {
                    return connect(tokens.renewAfterRejection(token));
                } catch (CompletionException retry) {
                    reportRefusal(retry);
                    return null;
                } catch (DgateException login) {
                    events.accept(tool.wireName() + ": " + login.getMessage());
                    return null;
                }
            }
            reportRefusal(e);
            return null;
        } catch (DgateException login) {
            events.accept(tool.wireName() + ": " + login.getMessage());
            return null;
        }
    }

    private WebSocket connect(String token) {
        WebSocket ws = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(upstream, this)
                .join();
        webSocket = ws;
        return ws;
    }

    private void reportRefusal(CompletionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof WebSocketHandshakeException handshake) {
            Object body = handshake.getResponse().body();
            events.accept(tool.wireName() + ": the gateway refused the tunnel: HTTP " + handshake.getResponse().statusCode()
                    + (body instanceof String s && !s.isBlank() ? " " + s.strip() : ""));
        } else {
            events.accept(tool.wireName() + ": cannot open the tunnel to " + upstream + ": " + cause.getMessage());
        }
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public @Nullable CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        try {
            OutputStream out = socket.getOutputStream();
            if (data.hasArray()) {
                out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            } else {
                byte[] copy = new byte[data.remaining()];
                data.get(copy);
                out.write(copy);
            }
            out.flush();
            ws.request(1);
        } catch (IOException e) {
            ws.abort();
            closeSocket();
        }
        return null;
    }

    @Override
    public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        // The gateway speaks to the person in text frames (a cut, an expiry); the debugger only sees binary.
        events.accept(tool.wireName() + ": gateway: " + data);
        ws.request(1);
        return null;
    }

    @Override
    public @Nullable CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        if (statusCode != WebSocket.NORMAL_CLOSURE || !reason.isEmpty()) {
            events.accept(tool.wireName() + ": the gateway closed the tunnel (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
        }
        closeSocket();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        events.accept(tool.wireName() + ": tunnel error: " + error.getMessage());
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
