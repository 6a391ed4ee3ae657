package io.debuggate.agent.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted stand-in for dlv's JSON-RPC listener, for unit tests of clients and of failure
 * paths real dlv will not produce on demand (error replies, silence, a launched process). The
 * script maps each request to a reply line, or to null for "no reply" (a pending {@code Command},
 * a hung dlv); {@link #write} pushes any bytes later. Requests are parsed as a JSON stream, as
 * dlv does, and recorded in order.
 */
public final class FakeDlv implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final ServerSocket server;
    private final Function<JsonNode, @Nullable String> script;
    private final BlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile @Nullable Socket last;

    private FakeDlv(Function<JsonNode, @Nullable String> script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fake-dlv-accept").start(this::acceptLoop);
    }

    /** @param script request → one reply line (without the newline), or null to stay silent */
    public static FakeDlv start(Function<JsonNode, @Nullable String> script) throws IOException {
        return new FakeDlv(script);
    }

    /** {@code {"id":<id>,"result":<resultJson>,"error":null}} */
    public static String result(JsonNode request, String resultJson) {
        return "{\"id\":" + request.path("id") + ",\"result\":" + resultJson + ",\"error\":null}";
    }

    /** {@code {"id":<id>,"result":null,"error":"<message>"}} */
    public static String error(JsonNode request, String message) {
        return "{\"id\":" + request.path("id") + ",\"result\":null,\"error\":" + JSON.writeValueAsString(message) + "}";
    }

    /** The short method name of a request: {@code State} for {@code RPCServer.State}. */
    public static String method(JsonNode request) {
        return request.path("method").asString("").replaceFirst("^RPCServer\\.", "");
    }

    /** The one params object of a request. */
    public static JsonNode params(JsonNode request) {
        return request.path("params").path(0);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public Socket connect() throws IOException {
        return new Socket(address().getAddress(), address().getPort());
    }

    /** The next request received, in order; fails after {@code timeout}. */
    public JsonNode nextRequest(Duration timeout) throws InterruptedException {
        JsonNode next = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("the fake dlv received no request within " + timeout);
        }
        return next;
    }

    /** Raw bytes to the most recent connection, e.g. a held reply or two replies in one packet. */
    public void write(String raw) throws IOException {
        Socket socket = last;
        if (socket == null) {
            throw new IllegalStateException("no connection yet");
        }
        synchronized (socket) {
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }
    }

    /** Closes every connection, as dlv does after a Detach. */
    public void dropConnections() throws IOException {
        for (Socket socket : connections) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                last = socket;
                Thread.ofVirtual().name("fake-dlv-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); JsonParser parser = JSON.createParser(in)) {
            OutputStream out = socket.getOutputStream();
            for (JsonNode request; (request = JSON.readTree(parser)) != null && !request.isMissingNode(); ) {
                requests.add(request);
                String reply = script.apply(request);
                if (reply != null) {
                    synchronized (socket) {
                        out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // connection closed by either side
        } finally {
            connections.remove(socket);
        }
    }
}
