package io.debuggate.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.debuggate.agent.dlv.DlvStartException;
import io.debuggate.agent.dlv.DlvSupervisor;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.DlvEndpoint;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.target.TargetUnavailableException;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /v1/dlv/attach}: makes sure a dlv is attached to the target and says where the relay is. */
final class DlvAttachHandler implements HttpHandler {

    static final String PATH = "/v1/dlv/attach";
    private static final Logger log = LoggerFactory.getLogger(DlvAttachHandler.class);

    private final OrderAuthentication authentication;
    private final DlvSupervisor supervisor;
    private final IntSupplier relayPort;
    private final Runnable heartbeat;

    /** @param heartbeat an attach order is a sign of life from the gateway (dead-man switch) */
    DlvAttachHandler(OrderAuthentication authentication, DlvSupervisor supervisor, IntSupplier relayPort, Runnable heartbeat) {
        this.authentication = authentication;
        this.supervisor = supervisor;
        this.relayPort = relayPort;
        this.heartbeat = heartbeat;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<OrderToken> order = authentication.authenticate(exchange, Set.of(DebugTool.DLV, DebugTool.DAP));
            if (order.isEmpty()) {
                return;
            }
            if (!HttpReplies.bodylessPost(exchange, PATH, "the attach order")) {
                return;
            }
            attach(exchange, order.get());
        }
    }

    private void attach(HttpExchange exchange, OrderToken order) throws IOException {
        try {
            DlvSupervisor.Ensured ensured = supervisor.ensureAttached();
            heartbeat.run();
            log.info("dlv attach order session={} user={} tool={} targetPid={} startedNow={}", order.sessionId(),
                    order.user(), order.tool().wireName(), ensured.attachment().targetPid(), ensured.startedNow());
            HttpReplies.json(exchange, 200, new DlvEndpoint(exchange.getLocalAddress().getAddress().getHostAddress(),
                    relayPort.getAsInt(), ensured.attachment().targetPid(), ensured.startedNow()));
        } catch (TargetUnavailableException e) {
            log.warn("dlv attach refused session={} user={} reason=\"{}\"", order.sessionId(), order.user(), e.getMessage());
            HttpReplies.error(exchange, 409, "target_unavailable", e.getMessage());
        } catch (DlvStartException e) {
            log.error("dlv attach failed session={} user={} reason=\"{}\"", order.sessionId(), order.user(), e.getMessage());
            HttpReplies.error(exchange, 502, "dlv_failed", e.getMessage());
        }
    }
}
