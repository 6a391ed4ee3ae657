package io.debuggate.gateway.tunnel;

import io.debuggate.agent.client.AgentRefusedException;
import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.gateway.identity.CurrentCaller;
import io.debuggate.gateway.policy.ActivePolicy;
import io.debuggate.gateway.sessions.SessionAccess;
import io.debuggate.gateway.sessions.SessionAccessDeniedException;
import io.debuggate.gateway.sessions.SessionGrant;
import io.debuggate.policies.ModePolicy;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Everything that can refuse a tunnel is decided before the upgrade, so a refusal is a plain HTTP
 * answer with a sentence the user can act on ({@code dgate connect} prints it): grant, mode,
 * target health, and the debugger attach itself.
 */
final class TunnelHandshake implements HandshakeInterceptor {

    static final String SESSION = LiveSession.class.getName();
    static final String RELAY = TunnelHandshake.class.getName() + ".relay";
    private static final Pattern PATH = Pattern.compile("/api/sessions/([A-Za-z0-9._-]{1,128})/tunnel/(dlv)");

    private final SessionAccess access;
    private final ActivePolicy policies;
    private final LiveSessions sessions;
    private final SessionAdmission admission;
    private final BestEffortAudit audit;

    TunnelHandshake(SessionAccess access, ActivePolicy policies, LiveSessions sessions, SessionAdmission admission, AuditTrail audit) {
        this.access = access;
        this.policies = policies;
        this.sessions = sessions;
        this.admission = admission;
        this.audit = new BestEffortAudit(audit);
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        Matcher path = PATH.matcher(request.getURI().getPath());
        if (!path.matches()) {
            return refuse(response, HttpStatus.NOT_FOUND, "no tunnel at " + request.getURI().getPath()
                    + "; tunnels are /api/sessions/{id}/tunnel/dlv");
        }
        String sessionId = path.group(1);
        String tool = path.group(2);
        if (!(request.getPrincipal() instanceof Authentication authentication)) {
            return refuse(response, HttpStatus.UNAUTHORIZED, "log in first: dgate login");
        }
        CurrentCaller caller = CurrentCaller.from(authentication);
        SessionGrant grant;
        try {
            grant = access.authorize(sessionId, caller, tool);
        } catch (SessionAccessDeniedException e) {
            return deny(response, caller, sessionId, null, HttpStatus.valueOf(e.status()), e.reason(), e.getMessage());
        }
        Optional<ModePolicy> mode = policies.mode(grant.grant().mode(), grant.target().name());
        if (mode.isEmpty() || mode.get().delve().methods().isEmpty()) {
            return deny(response, caller, sessionId, grant.target().name(), HttpStatus.FORBIDDEN, "mode-has-no-delve",
                    "mode '" + grant.grant().mode() + "' allows no Delve requests; request a snapshot or interactive session");
        }
        Optional<String> closed = admission.refusal(grant);
        if (closed.isPresent()) {
            return deny(response, caller, sessionId, grant.target().name(), HttpStatus.SERVICE_UNAVAILABLE, "target-closed",
                    closed.get());
        }
        LiveSession session = sessions.join(grant, () -> policies.liveMode(grant.grant().mode(), grant.target().name()));
        if (session.ended()) {
            return deny(response, caller, sessionId, grant.target().name(), HttpStatus.FORBIDDEN, "session-ended",
                    session.refusal(java.time.Instant.now()).orElse("session ended"));
        }
        Socket relay;
        try {
            relay = sessions.openRelay(session);
        } catch (AgentRefusedException e) {
            return deny(response, caller, sessionId, grant.target().name(), HttpStatus.BAD_GATEWAY, "attach-failed",
                    "the target's agent could not attach the debugger: " + e.getMessage());
        } catch (IOException e) {
            return deny(response, caller, sessionId, grant.target().name(), HttpStatus.BAD_GATEWAY, "agent-unreachable",
                    "the target's agent at " + grant.target().agentUrl() + " is unreachable (" + e.getMessage()
                            + "); check that the agent runs, then reconnect");
        }
        attributes.put(SESSION, session);
        attributes.put(RELAY, relay);
        if (request instanceof ServletServerHttpRequest servlet) {
            servlet.getServletRequest().setAttribute(RELAY, relay);
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               @Nullable Exception exception) {
        // A relay opened for an upgrade that then failed has no broker to close it.
        if (exception != null && request instanceof ServletServerHttpRequest servlet
                && servlet.getServletRequest().getAttribute(RELAY) instanceof Socket relay) {
            try {
                relay.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private boolean deny(ServerHttpResponse response, CurrentCaller caller, String sessionId, @Nullable String target,
                         HttpStatus status, String reason, String message) throws IOException {
        audit.record(AuditRecord.of(AuditActions.ACCESS_DENIED, AuditOutcome.DENIED, caller.username()).session(sessionId)
                .request(sessionId).target(target).reason(reason + ": " + message).detail("tool", "dlv").build(),
                "refusing the tunnel");
        return refuse(response, status, message);
    }

    private static boolean refuse(ServerHttpResponse response, HttpStatus status, String message) throws IOException {
        response.setStatusCode(status);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        response.getBody().write((message + "\n").getBytes(StandardCharsets.UTF_8));
        response.flush();
        return false;
    }
}
