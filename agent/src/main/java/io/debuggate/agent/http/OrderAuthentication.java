package io.debuggate.agent.http;

import com.sun.net.httpserver.HttpExchange;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.OrderTokenRejectedException;
import io.debuggate.agent.protocol.OrderTokenVerifier;
import io.debuggate.agent.protocol.RejectionReason;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks {@code Authorization: Bearer <order token>}; on failure answers 401 with the reason. */
final class OrderAuthentication {

    private static final Logger log = LoggerFactory.getLogger(OrderAuthentication.class);
    private static final String BEARER = "Bearer ";

    private final OrderTokenVerifier verifier;

    OrderAuthentication(OrderTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The verified order, or empty after a 401 has been sent. */
    Optional<OrderToken> authenticate(HttpExchange exchange, Set<DebugTool> tools) throws IOException {
        return authenticate(exchange, tools, false);
    }

    /** As {@link #authenticate}, and the token's nonce must be new (401 {@code replayed} otherwise). */
    Optional<OrderToken> authenticateOnce(HttpExchange exchange, Set<DebugTool> tools) throws IOException {
        return authenticate(exchange, tools, true);
    }

    private Optional<OrderToken> authenticate(HttpExchange exchange, Set<DebugTool> tools, boolean once) throws IOException {
        try {
            String token = bearerToken(exchange);
            return Optional.of(once ? verifier.verifyOnce(token, tools) : verifier.verify(token, tools));
        } catch (OrderTokenRejectedException e) {
            log.warn("order refused method={} path={} remote={} reason={} detail=\"{}\"", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRemoteAddress(), e.reason().wireName(), e.getMessage());
            exchange.getResponseHeaders().set("WWW-Authenticate",
                    "Bearer error=\"invalid_token\", error_description=\"" + e.reason().wireName() + "\"");
            HttpReplies.error(exchange, 401, e.reason().wireName(), e.getMessage());
            return Optional.empty();
        }
    }

    private static @Nullable String bearerToken(HttpExchange exchange) throws OrderTokenRejectedException {
        List<String> headers = exchange.getRequestHeaders().get("Authorization");
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        if (headers.size() > 1) {
            throw new OrderTokenRejectedException(RejectionReason.MALFORMED, "more than one Authorization header");
        }
        String header = headers.getFirst();
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new OrderTokenRejectedException(RejectionReason.MALFORMED, "Authorization must be \"Bearer <order token>\"");
        }
        return header.substring(BEARER.length()).strip();
    }
}
