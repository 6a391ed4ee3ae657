package io.debuggate.gateway.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A hostile debugger client: speaks to the tunnel WebSocket directly and sends whatever bytes a
 * test wants, then reads what came back (binary = debugger replies, text = the gateway's words,
 * close code and reason).
 */
public final class RawTunnelClient implements WebSocket.Listener, AutoCloseable {

    private final ByteArrayOutputStream replies = new ByteArrayOutputStream();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile java.time.Instant closedAt;
    private final WebSocket ws;

    private RawTunnelClient(HttpClient http, URI uri, String token) {
        this.ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(90))
                .buildAsync(uri, this).join();
    }

    public static RawTunnelClient open(int gatewayPort, String sessionId, String token) {
        return new RawTunnelClient(HttpClient.newHttpClient(),
                URI.create("ws://127.0.0.1:" + gatewayPort + "/api/sessions/" + sessionId + "/tunnel/dlv"), token);
    }

    public RawTunnelClient send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawTunnelClient send(byte[] bytes) {
        for (int i = 0; i < bytes.length; i += 64 * 1024) {
            int n = Math.min(64 * 1024, bytes.length - i);
            try {
                ws.sendBinary(ByteBuffer.wrap(bytes, i, n), true).join();
            } catch (RuntimeException e) {
                break; // closed by the gateway mid-message
            }
        }
        return this;
    }

    /** Waits until the replies contain {@code fragment}; returns all replies so far. */
    public String awaitReply(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = replies();
            if (text.contains(fragment) || closed.isDone()) {
                return text;
            }
            Thread.sleep(20);
        }
        return replies();
    }

    /**
     * Waits for the reply to the request with this id ({@code 7}, {@code "a1"} as JSON) and returns
     * that reply alone; "" if none came. Matches the reply's start, so a thread {@code "id":1557}
     * inside another reply is not mistaken for the reply to {@code 1}.
     */
    public String awaitReplyTo(String jsonId, Duration timeout) throws InterruptedException {
        String start = "{\"id\":" + jsonId + ",\"result\"";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : replies().split("\n")) {
                if (line.startsWith(start)) {
                    return line;
                }
            }
            if (closed.isDone() || System.nanoTime() > deadline) {
                return "";
            }
            Thread.sleep(20);
        }
    }

    public String replies() {
        synchronized (replies) {
            return replies.toString(StandardCharsets.UTF_8);
        }
    }

    public List<String> notices() {
        return notices;
    }

    /** "code reason" once closed, or null if still open after the timeout. */
    public String awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    /** When the gateway's close frame arrived, or null. */
    public java.time.Instant closedAt() {
        return closedAt;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        synchronized (replies) {
            replies.write(copy, 0, copy.length);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        notices.add(data.toString());
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedAt = java.time.Instant.now();
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("error " + error);
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "test done");
        }
        ws.abort();
    }
}
