package io.debuggate.gateway.api;

import io.debuggate.approval.ApprovalService;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.RequestNotFoundException;
import io.debuggate.gateway.identity.CurrentCaller;
import io.debuggate.gateway.tunnel.LiveSessions;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a snapshot session's breakpoints captured (masked), for the engineer who requested the
 * session and for auditors and admins. The same captures are in the audit trail.
 */
@RestController
class CapturesController {

    private final LiveSessions sessions;
    private final ApprovalService approvals;

    CapturesController(LiveSessions sessions, ApprovalService approvals) {
        this.sessions = sessions;
        this.approvals = approvals;
    }

    @GetMapping("/api/sessions/{id}/captures")
    ResponseEntity<?> captures(Authentication authentication, @PathVariable String id) {
        CurrentCaller caller = CurrentCaller.from(authentication);
        DebugRequest request;
        try {
            request = approvals.get(id);
        } catch (RequestNotFoundException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "unknown-session",
                    "detail", "no debug request '" + id + "'"));
        }
        if (!request.requester().equals(caller.username()) && !caller.inGroup("auditors") && !caller.inGroup("admins")) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "not-yours",
                    "detail", "session " + id + " belongs to " + request.requester() + "; only they, auditors and admins see its captures"));
        }
        return ResponseEntity.ok(Map.of("sessionId", id, "captures", sessions.captures(id)));
    }
}
