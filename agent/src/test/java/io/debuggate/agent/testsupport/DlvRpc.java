package io.debuggate.agent.testsupport;

import io.debuggate.agent.protocol.AgentJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal Delve JSON-RPC v2 client for tests, over any socket (a relay connection, say).
 * Replies are matched by id because dlv answers {@code Command} only when the target stops
 * again, out of order with later requests (debug-protocols §1.3).
 */
public final class DlvRpc implements AutoCloseable {

    private static final JsonNode CLOSED = AgentJson.mapper().createObjectNode().put("closed", true);

    private final Socket socket;
    private final OutputStream out;
    private final AtomicInteger nextId = new AtomicInteger();
    private final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
    private final Map<Integer, JsonNode> early = new HashMap<>();

    public DlvRpc(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().name("dlv-rpc-reader").start(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    incoming.add(AgentJson.mapper().readTree(line));
                }
            } catch (IOException | RuntimeException e) {
                // socket closed: signalled below
            }
            incoming.add(CLOSED);
        });
    }

    /** Sends {@code RPCServer.<method>} with one params object; returns the request id. */
    public synchronized int send(String method, Map<String, ?> params) throws IOException {
        int id = nextId.getAndIncrement();
        ObjectNode request = AgentJson.mapper().createObjectNode();
        request.put("method", "RPCServer." + method);
        request.putArray("params").add(AgentJson.mapper().<JsonNode>valueToTree(params));
        request.put("id", id);
        out.write(AgentJson.mapper().writeValueAsBytes(request));
        out.write('\n');
        out.flush();
        return id;
    }

    /** Sends and waits for the result; fails on an {@code error} reply. */
    public JsonNode call(String method, Map<String, ?> params, Duration timeout) throws IOException, InterruptedException {
        JsonNode reply = awaitReply(send(method, params), timeout);
        if (!reply.path("error").isNull()) {
            throw new AssertionError("dlv answered " + method + " with error: " + reply.path("error").asString());
        }
        return reply.path("result");
    }

    public JsonNode call(String method, Map<String, ?> params) throws IOException, InterruptedException {
        return call(method, params, Duration.ofSeconds(10));
    }

    /** The whole reply ({@code id}, {@code result}, {@code error}) for a request id. */
    public JsonNode awaitReply(int id, Duration timeout) throws InterruptedException {
        JsonNode reply = poll(id, timeout);
        if (reply == null) {
            throw new AssertionError("no dlv reply to request " + id + " within " + timeout);
        }
        return reply;
    }

    /** True when no reply to {@code id} arrives within {@code wait} (e.g. a continue while running). */
    public boolean noReplyWithin(int id, Duration wait) throws InterruptedException {
        JsonNode reply = poll(id, wait);
        if (reply != null) {
            early.put(id, reply);
        }
        return reply == null;
    }

    /** True when dlv closed the connection within {@code wait} (after a Detach, say). */
    public boolean closedWithin(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            JsonNode next = incoming.poll(left, TimeUnit.NANOSECONDS);
            if (next == CLOSED) {
                incoming.add(CLOSED);
                return true;
            }
            if (next != null) {
                early.put(next.path("id").asInt(), next);
            }
        }
        return false;
    }

    private @Nullable JsonNode poll(int id, Duration timeout) throws InterruptedException {
        JsonNode known = early.remove(id);
        if (known != null) {
            return known;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            JsonNode next = incoming.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return null;
            }
            if (next == CLOSED) {
                incoming.add(CLOSED);
                throw new AssertionError("dlv closed the connection while request " + id + " was pending");
            }
            if (next.path("id").asInt(-1) == id) {
                return next;
            }
            early.put(next.path("id").asInt(), next);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
