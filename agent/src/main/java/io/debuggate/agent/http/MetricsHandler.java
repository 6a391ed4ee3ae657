package io.debuggate.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.debuggate.agent.protocol.TargetMetrics;
import io.debuggate.agent.target.TargetUnavailableException;
import java.io.IOException;

/**
 * {@code GET /v1/metrics}: the target's CPU counter for the gateway's health breakers. Open like
 * {@code /v1/health}: the gateway polls it every second, and an order token per poll would only
 * fill the nonce ledger while protecting nothing secret.
 */
final class MetricsHandler implements HttpHandler {

    static final String PATH = "/v1/metrics";

    private final AgentHttpServer.MetricsReader metrics;

    MetricsHandler(AgentHttpServer.MetricsReader metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getRawPath().equals(PATH)) {
                HttpReplies.error(exchange, 404, "not_found", "no such endpoint; see GET " + PATH);
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                HttpReplies.error(exchange, 405, "method_not_allowed", "use GET " + PATH);
            } else {
                try {
                    HttpReplies.json(exchange, 200, metrics.read());
                } catch (TargetUnavailableException e) {
                    HttpReplies.error(exchange, 503, "target_unavailable", e.getMessage());
                }
            }
        }
    }
}
