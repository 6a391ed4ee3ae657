package io.debuggate.gateway.requests;

import io.debuggate.approval.ApprovalService;
import io.debuggate.approval.Caller;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.DebugRequestDraft;
import io.debuggate.approval.SignOff;
import io.debuggate.gateway.identity.CurrentCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Debug requests. Every rule (who may sign, revoke, cancel) is enforced by the approval module
 * from the caller taken from the verified token here; refusals come back as 403 problem bodies
 * naming the rule.
 */
@RestController
@RequestMapping("/api/requests")
@Tag(name = "requests", description = "Request, sign, revoke and cancel debug sessions")
class RequestController {

    record Comment(@Nullable String comment, @Nullable String reviewedContentHash) {
    }

    record Reason(@Nullable String reason) {
    }

    private final ApprovalService approvals;

    RequestController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @PostMapping
    @Operation(summary = "Request a debug session; it then awaits a dev lead's and an ops lead's signatures")
    ResponseEntity<RequestView> create(Authentication auth, @RequestBody DebugRequestDraft draft) {
        DebugRequest created = approvals.create(caller(auth), draft);
        return ResponseEntity.created(URI.create("/api/requests/" + created.id())).body(RequestView.of(created));
    }

    @GetMapping
    @Operation(summary = "List requests: scope=mine (default), pending (awaiting my signature) or all (auditors, admins)")
    List<RequestView> list(Authentication auth, @RequestParam(defaultValue = "mine") String scope) {
        Caller caller = caller(auth);
        return switch (scope) {
            case "mine" -> approvals.listMine(caller).stream()
                    .sorted(Comparator.comparing(DebugRequest::createdAt).reversed())
                    .map(RequestView::of).toList();
            case "pending" -> approvals.pendingFor(caller).stream()
                    .map(p -> RequestView.of(p.request(), p.role().name(), p.requiredGroup())).toList();
            default -> throw new IllegalArgumentException("scope must be mine or pending, was '" + scope + "'");
        };
    }

    @GetMapping("/{id}")
    @Operation(summary = "One request with its signatures and grant window")
    RequestView get(@PathVariable String id) {
        return RequestView.of(approvals.get(id));
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Sign (approve) the task the caller's group entitles them to")
    RequestView approve(Authentication auth, @PathVariable String id, @RequestBody(required = false) @Nullable Comment body) {
        return RequestView.of(approvals.approve(caller(auth), id, signOff(body)));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject; either approver's rejection ends the request")
    RequestView reject(Authentication auth, @PathVariable String id, @RequestBody(required = false) @Nullable Comment body) {
        return RequestView.of(approvals.reject(caller(auth), id, signOff(body)));
    }

    @PostMapping("/{id}/revoke")
    @Operation(summary = "Revoke a grant at once (requester, either approver, or an admin); live sessions end")
    RequestView revoke(Authentication auth, @PathVariable String id, @RequestBody(required = false) @Nullable Reason body) {
        return RequestView.of(approvals.revoke(caller(auth), id, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Withdraw a request before it is granted (requester only)")
    RequestView cancel(Authentication auth, @PathVariable String id) {
        return RequestView.of(approvals.cancel(caller(auth), id));
    }

    private static SignOff signOff(@Nullable Comment body) {
        return body == null ? SignOff.withComment("") : new SignOff(body.comment(), null, body.reviewedContentHash());
    }

    static Caller caller(Authentication auth) {
        CurrentCaller current = CurrentCaller.from(auth);
        return new Caller(current.username(), current.groups());
    }
}
