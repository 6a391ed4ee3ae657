package io.debuggate.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.debuggate.agent.dlv.DeadManSwitch;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.HeartbeatAck;
import io.debuggate.agent.protocol.OrderToken;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/heartbeat}: the gateway is alive, keep the dead-man switch from firing. Each
 * heartbeat needs a fresh token (single-use nonce): a captured heartbeat replayed by someone else
 * must not keep a halted production process halted.
 */
final class HeartbeatHandler implements HttpHandler {

    static final String PATH = "/v1/heartbeat";
    private static final Logger log = LoggerFactory.getLogger(HeartbeatHandler.class);

    private final OrderAuthentication authentication;
    private final DeadManSwitch deadMan;

    HeartbeatHandler(OrderAuthentication authentication, DeadManSwitch deadMan) {
        this.authentication = authentication;
        this.deadMan = deadMan;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<OrderToken> order = authentication.authenticateOnce(exchange, Set.of(DebugTool.DLV, DebugTool.DAP));
            if (order.isEmpty()) {
                return;
            }
            if (!HttpReplies.bodylessPost(exchange, PATH, "a heartbeat")) {
                return;
            }
            boolean armed = deadMan.heartbeat();
            log.debug("heartbeat session={} user={} armed={}", order.get().sessionId(), order.get().user(), armed);
            HttpReplies.json(exchange, 200, new HeartbeatAck(armed, deadMan.timeout().toMillis()));
        }
    }
}
