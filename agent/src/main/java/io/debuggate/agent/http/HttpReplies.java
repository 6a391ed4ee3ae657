package io.debuggate.agent.http;

import com.sun.net.httpserver.HttpExchange;
import io.debuggate.agent.protocol.AgentJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON answers and error bodies: {@code {"error":"<code>","detail":"<text>"}}. */
final class HttpReplies {

    private HttpReplies() {
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = AgentJson.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void error(HttpExchange exchange, int status, String code, String detail) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("detail", detail);
        json(exchange, status, body);
    }

    /** Reads and drops a small request body so the connection can be reused; a large one is refused. */
    static boolean drainBody(HttpExchange exchange, int maxBytes) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[1024];
            int total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > maxBytes) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Checks that the exchange is a {@code POST} to exactly {@code path} with no body worth reading;
     * otherwise answers 404, 405 or 413 and returns false.
     *
     * @param what names the request in the 413 message, e.g. "a heartbeat"
     */
    static boolean bodylessPost(HttpExchange exchange, String path, String what) throws IOException {
        if (!exchange.getRequestURI().getRawPath().equals(path)) {
            error(exchange, 404, "not_found", "no such endpoint; use POST " + path);
            return false;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            error(exchange, 405, "method_not_allowed", "use POST " + path);
            return false;
        }
        if (!drainBody(exchange, 4096)) {
            error(exchange, 413, "body_too_large", what + " carries no body");
            return false;
        }
        return true;
    }
}
