package io.debuggate.gateway.tunnel;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.policies.masking.MaskingEngine;
import java.util.function.Supplier;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * {@code /api/sessions/{id}/tunnel/dlv}: one WebSocket per debugger client connection. The
 * handshake ({@link TunnelHandshake}) has already checked the grant and opened the relay; here the
 * connection is handed to a {@link DlvConnectionBroker} and fed.
 */
final class DlvTunnelHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(DlvTunnelHandler.class);
    private static final String BROKER = DlvConnectionBroker.class.getName();

    private final LiveSessions sessions;
    private final TunnelProperties properties;
    private final Supplier<MaskingEngine> masking;
    private final AuditTrail audit;
    private final Clock clock;

    DlvTunnelHandler(LiveSessions sessions, TunnelProperties properties, Supplier<MaskingEngine> masking, AuditTrail audit, Clock clock) {
        this.sessions = sessions;
        this.properties = properties;
        this.masking = masking;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession ws) throws IOException {
        LiveSession session = (LiveSession) ws.getAttributes().get(TunnelHandshake.SESSION);
        Socket relay = (Socket) ws.getAttributes().remove(TunnelHandshake.RELAY);
        String connectionId = session.id() + "/" + ws.getId();
        DlvConnectionBroker broker = new DlvConnectionBroker(session, connectionId, new WebSocketClientChannel(ws), relay,
                properties, masking, audit, clock, sessions.control(session), sessions::closed);
        ws.getAttributes().put(BROKER, broker);
        sessions.register(broker);
        audit.record(AuditRecord.of(AuditActions.SESSION_OPENED, AuditOutcome.SUCCESS, session.user()).session(session.id())
                .request(session.id()).target(session.targetName()).trace(session.traceId())
                .detail("tool", "dlv").detail("mode", session.mode().name()).detail("connection", connectionId)
                .detail("remote", String.valueOf(ws.getRemoteAddress())).build());
        log.info("dlv connection opened session={} user={} target={} mode={} connection={}", session.id(), session.user(),
                session.targetName(), session.mode().name(), connectionId);
        broker.start();
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession ws, BinaryMessage message) {
        DlvConnectionBroker broker = broker(ws);
        if (broker == null) {
            return;
        }
        ByteBuffer payload = message.getPayload();
        if (payload.hasArray()) {
            broker.onClientBytes(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
        } else {
            byte[] copy = new byte[payload.remaining()];
            payload.get(copy);
            broker.onClientBytes(copy, 0, copy.length);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession ws, TextMessage message) {
        DlvConnectionBroker broker = broker(ws);
        if (broker != null) {
            broker.close(new CloseReason(CloseReason.INVALID_PAYLOAD,
                    "debugger bytes travel in binary frames; this tunnel does not take text frames"));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession ws, CloseStatus status) {
        DlvConnectionBroker broker = broker(ws);
        if (broker != null) {
            broker.clientClosed();
            LiveSession session = broker.session();
            audit.record(AuditRecord.of(AuditActions.SESSION_CLOSED, AuditOutcome.SUCCESS, session.user()).session(session.id())
                    .request(session.id()).target(session.targetName()).trace(session.traceId())
                    .detail("tool", "dlv").detail("connection", broker.connectionId()).detail("closeCode", status.getCode())
                    .reason(status.getReason()).build());
        }
    }

    @Override
    public void handleTransportError(WebSocketSession ws, Throwable exception) {
        DlvConnectionBroker broker = broker(ws);
        log.info("dlv tunnel transport error connection={} error=\"{}\"", broker == null ? ws.getId() : broker.connectionId(),
                exception.toString());
        if (broker != null) {
            broker.clientClosed();
        }
    }

    private static DlvConnectionBroker broker(WebSocketSession ws) {
        return (DlvConnectionBroker) ws.getAttributes().get(BROKER);
    }
}
