package io.debuggate.gateway.sessions;

import io.debuggate.approval.ActiveGrant;
import io.debuggate.approval.ApprovalService;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.GrantCheck;
import io.debuggate.approval.RequestNotFoundException;
import io.debuggate.gateway.identity.CurrentCaller;
import io.debuggate.gateway.targets.Target;
import io.debuggate.gateway.targets.TargetRegistry;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A session is a granted request: its id is the request id. Access needs the caller to be the
 * requester, the grant to be live (not expired, not revoked), the tool to be granted and the
 * target to be registered. Each failure has its own reason code and message.
 */
@Component
public class SessionAccess {

    private final ApprovalService approvals;
    private final GrantCheck grants;
    private final TargetRegistry targets;

    public SessionAccess(ApprovalService approvals, GrantCheck grants, TargetRegistry targets) {
        this.approvals = approvals;
        this.grants = grants;
        this.targets = targets;
    }

    /**
     * Asked on every pprof fetch and tunnel handshake. A usable grant is answered from the grant
     * row alone (it names its target); the request itself is read only to explain a refusal.
     */
    public SessionGrant authorize(String sessionId, CurrentCaller caller, String tool) {
        Optional<ActiveGrant> grant = grants.activeGrant(sessionId, caller.username(), tool);
        if (grant.isEmpty()) {
            throw refusal(sessionId, caller, tool);
        }
        String service = grant.get().targetService();
        String instance = grant.get().targetInstance();
        Target target = targets.find(service, instance).orElseThrow(() -> new SessionAccessDeniedException(
                "unknown-target", 503, "target " + service + "/" + instance
                        + " is not registered with this gateway; ask an admin to register its agent"));
        return new SessionGrant(sessionId, caller, target, grant.get());
    }

    private SessionAccessDeniedException refusal(String sessionId, CurrentCaller caller, String tool) {
        DebugRequest request;
        try {
            request = approvals.get(sessionId);
        } catch (RequestNotFoundException e) {
            return new SessionAccessDeniedException("unknown-session", 404,
                    "no debug request '" + sessionId + "': request a session first (dgate request or the web form)");
        }
        if (request.draft().targetService() == null || request.draft().targetInstance() == null) {
            return new SessionAccessDeniedException("no-target", 409, "request " + sessionId + " names no target");
        }
        return new SessionAccessDeniedException("no-active-grant", 403, explainMissingGrant(request, caller, tool));
    }

    private static String explainMissingGrant(DebugRequest request, CurrentCaller caller, String tool) {
        if (!request.requester().equals(caller.username())) {
            return "session " + request.id() + " belongs to " + request.requester()
                    + "; only the requester may use it. Request your own session.";
        }
        if (request.draft().tools() == null || !request.draft().tools().contains(tool)) {
            return "session " + request.id() + " was not granted the tool '" + tool + "'; request a session that names it";
        }
        return switch (request.state()) {
            case GRANTED -> "session " + request.id() + " is outside its grant window ("
                    + (request.grant() == null ? "none" : request.grant().startsAt() + " to " + request.grant().endsAt())
                    + "); request a new session";
            case PENDING, PARTIALLY_SIGNED -> "session " + request.id() + " is " + request.state()
                    + ": it needs a dev lead's and an ops lead's signatures before it can be used";
            case REVOKED -> "session " + request.id() + " is REVOKED: its grant was ended early; request a new session";
            case EXPIRED -> "session " + request.id() + " is EXPIRED; request a new session";
            default -> "session " + request.id() + " is " + request.state() + " and was never granted; request a new session";
        };
    }
}
