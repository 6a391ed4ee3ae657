package io.debuggate.cli.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.debuggate.cli.DgateException;
import io.debuggate.cli.api.BearerTokens;
import io.debuggate.cli.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A local HTTP port that makes a session's pprof look like a Go service's own
 * {@code /debug/pprof}: each request goes to {@code <gateway>/api/sessions/ID/pprof/<name>} with
 * the user's bearer token, and the answer comes back streamed (status, body and the headers
 * {@code go tool pprof} reads), so a large profile never sits in this process's memory.
 *
 * <p>Both sides block: each local request has its own platform thread, which reads the gateway's
 * answer in 64 KiB pieces ({@link GatewayFetch}) and writes them on. A profile is fetched by one
 * person's go tool pprof or browser, so a handful of threads at most are alive at once.
 */
public final class PprofForwarder implements LocalEndpoint {

    static {
        // The JDK server writes headers and chunks as separate small packets; under Nagle each
        // waits for the client's delayed ACK (~40 ms per small profile). Read when the first
        // HttpServer is made; an explicit -Dsun.net.httpserver.nodelay wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Response headers go tool pprof and browsers use; everything else (cookies, hop-by-hop) stays behind. */
    static final List<String> PASSED_HEADERS = List.of("Content-Type", "Content-Disposition", "X-Go-Pprof",
            "X-Content-Type-Options", "Content-Encoding", "Retry-After");
    /** /debug/pprof/symbol bodies are a few PCs; bounded so they can be replayed after a token renewal. */
    static final int MAX_REQUEST_BODY = 1 << 20;
    private static final int RELAY_BUFFER = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final GatewayFetch.Settings upstream;
    private final SessionRoutes routes;
    private final BearerTokens tokens;
    private final Consumer<String> events;

    private PprofForwarder(HttpServer server, ExecutorService executor, GatewayFetch.Settings upstream, SessionRoutes routes,
                           BearerTokens tokens, Consumer<String> events) {
        this.server = server;
        this.executor = executor;
        this.upstream = upstream;
        this.routes = routes;
        this.tokens = tokens;
        this.events = events;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0 = any free port).
     *
     * @param http only its settings are used (connect timeout, TLS context): the fetches
     *             themselves go over blocking connections, see {@link GatewayFetch}
     */
    public static PprofForwarder start(int port, HttpClient http, SessionRoutes routes, BearerTokens tokens, Consumer<String> events) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new DgateException("cannot listen on 127.0.0.1:" + port + " for pprof (" + e.getMessage()
                    + "): choose another --pprof-port or leave it out to pick a free one", e);
        }
        // Platform threads, reused while idle: a blocking socket read on a virtual thread parks and
        // is woken by the JDK's poller, an extra hand-off on each read of a large body.
        ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().name("dgate-pprof-", 0).daemon().factory());
        PprofForwarder forwarder = new PprofForwarder(server, executor, GatewayFetch.Settings.of(http), routes, tokens, events);
        server.createContext("/", forwarder::handle);
        server.setExecutor(executor);
        server.start();
        return forwarder;
    }

    @Override
    public Tool tool() {
        return Tool.PPROF;
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + PprofPath.PREFIX;
    }

    @Override
    public List<String> usage() {
        return List.of("go tool pprof " + baseUrl() + "heap",
                "go tool pprof -http=: " + baseUrl() + "goroutine",
                "go tool pprof " + baseUrl() + "profile?seconds=10",
                "curl " + baseUrl() + "goroutine?debug=1");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        try (exchange) {
            Optional<String> profile = PprofPath.profileOf(rawPath);
            if (profile.isEmpty()) {
                reply(exchange, 404, "dgate forwards only " + PprofPath.PREFIX + "<profile>, not " + rawPath);
                return;
            }
            if (rawQuery != null && !PprofPath.isPlainQuery(rawQuery)) {
                reply(exchange, 400, "dgate: the query string has characters that are not allowed in a URL");
                return;
            }
            boolean post = method.equals("POST");
            if (!method.equals("GET") && !method.equals("HEAD") && !(post && profile.get().equals("symbol"))) {
                reply(exchange, 405, "dgate forwards GET (and POST to " + PprofPath.PREFIX + "symbol), not " + method);
                return;
            }
            byte[] body = post ? readBounded(exchange.getRequestBody()) : null;
            if (body == null && post) {
                reply(exchange, 413, "dgate: a symbol request body is limited to " + MAX_REQUEST_BODY + " bytes");
                return;
            }
            long bytes = forward(exchange, method, routes.pprof(profile.get(), rawQuery), body);
            events.accept("pprof " + method + " " + rawPath + (rawQuery != null ? "?" + rawQuery : "")
                    + " -> " + bytes + " bytes in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (DgateException e) {
            events.accept("pprof " + rawPath + " refused: " + e.getMessage());
            reply(exchange, 401, "dgate: " + e.getMessage());
        } catch (IOException e) {
            // Usually go tool pprof hung up (Ctrl-C); the upstream stream was closed with it.
            events.accept("pprof " + rawPath + " aborted: " + e.getMessage());
        }
    }

    /** @return the number of body bytes relayed */
    private long forward(HttpExchange exchange, String method, URI target, byte @Nullable [] body) throws IOException {
        GatewayFetch fetch = sendRenewingToken(exchange, method, target, body);
        if (fetch == null) {
            return 0;
        }
        try (fetch) {
            return answer(exchange, method, target, fetch);
        } catch (IOException | RuntimeException e) {
            // A body not read to its end must not go back to the keep-alive cache, and the gateway
            // should stop producing a profile nobody reads.
            fetch.abort();
            throw e;
        }
    }

    /** @return null when the gateway could not be reached (the 502 is already sent) */
    private @Nullable GatewayFetch sendRenewingToken(HttpExchange exchange, String method, URI target, byte @Nullable [] body)
            throws IOException {
        String token = tokens.current();
        GatewayFetch fetch = send(exchange, method, target, body, token);
        if (fetch == null || fetch.status() != 401) {
            return fetch;
        }
        fetch.discard();
        return send(exchange, method, target, body, tokens.renewAfterRejection(token));
    }

    private long answer(HttpExchange exchange, String method, URI target, GatewayFetch fetch) throws IOException {
        int status = fetch.status();
        String contentType = fetch.header("Content-Type").stream().findFirst().orElse("");
        if (status >= 400 && contentType.startsWith("application/problem+json")) {
            // go tool pprof prints an error body only when it is text/plain with X-Go-Pprof.
            String detail = Problem.parse(status, new String(fetch.body().readAllBytes(), StandardCharsets.UTF_8)).describe();
            events.accept("pprof " + target.getRawPath() + " refused by the gateway: " + status + " " + detail);
            reply(exchange, status, "debuggate gateway: " + detail);
            return 0;
        }
        for (String name : PASSED_HEADERS) {
            fetch.header(name).forEach(v -> exchange.getResponseHeaders().add(name, v));
        }
        long length = fetch.contentLength();
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
        // HttpServer: -1 = no body, 0 = chunked (length unknown), n = exactly n bytes.
        exchange.sendResponseHeaders(status, noBody || length == 0 ? -1 : Math.max(length, 0));
        if (noBody) {
            return 0;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            return relay(fetch.body(), out);
        }
    }

    private @Nullable GatewayFetch send(HttpExchange exchange, String method, URI target, byte @Nullable [] body, String token)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("User-Agent", "dgate");
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        // without one HttpURLConnection would send its own "text/html, image/gif, ..."
        headers.put("Accept", accept != null ? accept : "*/*");
        if (body != null) {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            headers.put("Content-Type", contentType != null ? contentType : "text/plain");
        }
        try {
            return GatewayFetch.send(upstream, method, target, headers, body);
        } catch (IOException e) {
            events.accept("pprof: cannot reach the gateway at " + routes.gateway() + ": " + e.getMessage());
            reply(exchange, 502, "dgate: cannot reach the gateway at " + routes.gateway() + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Copies as bytes arrive and flushes whenever the upstream has nothing more ready, so a
     * slow profile (trace, delta, CPU) reaches go tool pprof as it is produced instead of
     * waiting in a buffer.
     */
    static long relay(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[RELAY_BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
            if (in.available() == 0) {
                out.flush();
            }
        }
        return total;
    }

    private static byte @Nullable [] readBounded(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_REQUEST_BODY + 1);
        return data.length > MAX_REQUEST_BODY ? null : data;
    }

    /** An error in the shape go tool pprof prints: text/plain with X-Go-Pprof. */
    private static void reply(HttpExchange exchange, int status, String message) {
        try {
            byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().set("X-Go-Pprof", "1");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException | IllegalStateException e) {
            // headers already sent or client gone: nothing more to tell it
        }
    }
}
