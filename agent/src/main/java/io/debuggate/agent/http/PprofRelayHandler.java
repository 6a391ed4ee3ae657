package io.debuggate.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.OrderToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/pprof/<profile>?<query>} → {@code GET <pprof base>/debug/pprof/<profile>?<query>}
 * on the target's loopback listener, sent back with the status and the headers pprof clients rely
 * on: whole and with its length when it fits in 64 KiB, else streamed as it arrives. Nothing is
 * sent to the target before the order is verified and the path validated; no request header of
 * the caller is passed on.
 */
final class PprofRelayHandler implements HttpHandler {

    static final String PREFIX = "/v1/pprof/";
    private static final Logger log = LoggerFactory.getLogger(PprofRelayHandler.class);
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final List<String> RELAYED_HEADERS =
            List.of("Content-Type", "Content-Disposition", "X-Go-Pprof", "X-Content-Type-Options");

    private final OrderAuthentication authentication;
    private final Duration connectTimeout;
    private final URI pprofBase;
    private final Duration maxProfileDuration;

    PprofRelayHandler(OrderAuthentication authentication, Duration connectTimeout, URI pprofBase, Duration maxProfileDuration) {
        this.authentication = authentication;
        this.connectTimeout = connectTimeout;
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
        // A blocking connection rather than the JDK HttpClient, whose 16 KiB lock-step hand-offs
        // between its threads, not the loopback, set the pace of a large profile.
        HttpURLConnection connection = (HttpURLConnection) upstream.toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        // pprof answers a profile?seconds=N only after N seconds; later reads get the same allowance
        connection.setReadTimeout((int) request.timeout().toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestProperty("User-Agent", "debuggate-agent");
        connection.setRequestProperty("Accept", "*/*");
        int status;
        InputStream answer;
        try {
            status = connection.getResponseCode();
            answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        } catch (SocketTimeoutException e) {
            connection.disconnect();
            HttpReplies.error(exchange, 504, "pprof_timeout", "the target's pprof did not answer within " + request.timeout());
            return;
        } catch (IOException e) {
            connection.disconnect();
            HttpReplies.error(exchange, 502, "pprof_unreachable", "the target's pprof at " + pprofBase
                    + " is unreachable (" + e + "): is the service running with its pprof listener?");
            return;
        }
        long bytes = 0;
        try (InputStream body = answer == null ? InputStream.nullInputStream() : answer) {
            for (String name : RELAYED_HEADERS) {
                String value = connection.getHeaderField(name);
                if (value != null) {
                    exchange.getResponseHeaders().set(name, value);
                }
            }
            // Most answers (every debug=1 text, small profiles) fit in one buffer: read it before
            // answering, so that they go out with their length, headers and body in one write, instead
            // of headers, 4 KiB chunks and a terminator in several, each waking the gateway.
            byte[] chunk = new byte[CHUNK_BYTES];
            int first = body.readNBytes(chunk, 0, chunk.length);
            long length = connection.getContentLengthLong();
            if (first < chunk.length) {
                length = first;
            }
            exchange.sendResponseHeaders(status, length == 0 ? -1 : Math.max(length, 0));
            OutputStream out = exchange.getResponseBody();
            out.write(chunk, 0, first);
            bytes = first;
            // No flush per read: the server's chunking writes as it fills, and a flush would only add
            // short chunks and wake-ups.
            for (int n; first == chunk.length && (n = body.read(chunk)) != -1; ) {
                out.write(chunk, 0, n);
                bytes += n;
            }
            // The answer leaves when its stream closes: before the log line below, not after it,
            // which put the line's formatting and masking on every fetch's path.
            out.close();
        } finally {
            log.info("pprof relayed session={} user={} profile=\"{}\" query=\"{}\" status={} bytes={} millis={}",
                    order.sessionId(), order.user(), request.profile(), request.rawQuery(), status, bytes,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
