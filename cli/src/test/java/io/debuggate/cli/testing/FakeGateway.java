package io.debuggate.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for the gateway (issuer endpoints, REST API, pprof route) on a JDK HttpServer, used
 * in addition to the real gateway's own tests: each route is a small handler the test scripts.
 */
public final class FakeGateway implements AutoCloseable {

    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange, String body) throws IOException;
    }

    public record Recorded(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

    public FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::dispatch);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Exact path, or a prefix when {@code path} ends with "*". */
    public FakeGateway on(String method, String path, Handler handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    public List<Recorded> recorded() {
        return recorded;
    }

    public List<Recorded> recorded(String pathPrefix) {
        return recorded.stream().filter(r -> r.pathAndQuery().startsWith(pathPrefix)).toList();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            recorded.add(new Recorded(exchange.getRequestMethod(), path + (query != null ? "?" + query : ""),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Handler handler = routes.get(exchange.getRequestMethod() + " " + path);
            if (handler == null) {
                handler = routes.entrySet().stream()
                        .filter(e -> e.getKey().endsWith("*") && (exchange.getRequestMethod() + " " + path)
                                .startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            if (handler == null) {
                send(exchange, 404, "application/problem+json", "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no fake route for "
                        + exchange.getRequestMethod() + " " + path + "\"}");
                return;
            }
            handler.handle(exchange, body);
        }
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    public static Handler answerProblem(int status, String problemJson) {
        return (exchange, body) -> send(exchange, status, "application/problem+json", problemJson);
    }

    public static Handler answer(int status, String json) {
        return (exchange, body) -> json(exchange, status, json);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
