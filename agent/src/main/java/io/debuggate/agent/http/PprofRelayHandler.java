package io.debuggate.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.OrderToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/pprof/<profile>?<query>} → {@code GET <pprof base>/debug/pprof/<profile>?<query>}
 * on the target's loopback listener, streamed back in 64 KiB chunks with the status and the
 * headers pprof clients rely on. Nothing is sent to the target before the order is verified
 * and the path validated; no request header of the caller is passed on.
 */
final class PprofRelayHandler implements HttpHandler {

    static final String PREFIX = "/v1/pprof/";
    private static final Logger log = LoggerFactory.getLogger(PprofRelayHandler.class);
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final List<String> RELAYED_HEADERS =
            List.of("Content-Type", "Content-Disposition", "X-Go-Pprof", "X-Content-Type-Options");

    private final OrderAuthentication authentication;
    private final HttpClient http;
    private final URI pprofBase;
    private final Duration maxProfileDuration;

    PprofRelayHandler(OrderAuthentication authentication, HttpClient http, URI pprofBase, Duration maxProfileDuration) {
        this.authentication = authentication;
        this.http = http;
        this.pprofBase = pprofBase;
        this.maxProfileDuration = maxProfileDuration;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<OrderToken> order = authentication.authenticate(exchange, Set.of(DebugTool.PPROF));
            if (order.isEmpty()) {
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                HttpReplies.error(exchange, 405, "method_not_allowed", "only GET is relayed to pprof");
                return;
            }
            PprofRequest request;
            try {
                String rawPath = exchange.getRequestURI().getRawPath();
                request = PprofRequest.parse(rawPath.substring(PREFIX.length()),
                        exchange.getRequestURI().getRawQuery(), maxProfileDuration);
            } catch (IllegalArgumentException e) {
                HttpReplies.error(exchange, 400, "bad_pprof_request", e.getMessage());
                return;
            }
            relay(exchange, request, order.get());
        }
    }

    private void relay(HttpExchange exchange, PprofRequest request, OrderToken order) throws IOException {
        URI upstream = request.upstream(pprofBase);
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(upstream).GET().timeout(request.timeout())
                    .header("User-Agent", "debuggate-agent").build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            HttpReplies.error(exchange, 504, "pprof_timeout", "the target's pprof did not answer within " + request.timeout());
            return;
        } catch (IOException e) {
            HttpReplies.error(exchange, 502, "pprof_unreachable", "the target's pprof at " + pprofBase
                    + " is unreachable (" + e + "): is the service running with its pprof listener?");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpReplies.error(exchange, 503, "agent_stopping", "the agent is shutting down");
            return;
        }
        long bytes = 0;
        try (InputStream body = response.body()) {
            for (String name : RELAYED_HEADERS) {
                response.headers().firstValue(name).ifPresent(value -> exchange.getResponseHeaders().set(name, value));
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            exchange.sendResponseHeaders(response.statusCode(), length == 0 ? -1 : Math.max(length, 0));
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[CHUNK_BYTES];
            for (int n; (n = body.read(chunk)) != -1; ) {
                out.write(chunk, 0, n);
                out.flush();
                bytes += n;
            }
        } finally {
            log.info("pprof relayed session={} user={} profile=\"{}\" query=\"{}\" status={} bytes={} millis={}",
                    order.sessionId(), order.user(), request.profile(), request.rawQuery(), response.statusCode(), bytes,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
