package io.debuggate.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.debuggate.agent.protocol.AgentHealth;
import java.io.IOException;
import java.util.function.Supplier;

/** {@code GET /v1/health}: open, because it tells nothing an attacker could use. */
final class HealthHandler implements HttpHandler {

    static final String PATH = "/v1/health";
    private final Supplier<AgentHealth> health;

    HealthHandler(Supplier<AgentHealth> health) {
        this.health = health;
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
                HttpReplies.json(exchange, 200, health.get());
            }
        }
    }
}
