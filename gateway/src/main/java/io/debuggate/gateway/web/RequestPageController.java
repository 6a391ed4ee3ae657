package io.debuggate.gateway.web;

import io.debuggate.approval.ActionRefusedException;
import io.debuggate.approval.ApprovalService;
import io.debuggate.gateway.tunnel.LiveSessions;
import io.debuggate.gateway.tunnel.SnapshotCapture;
import java.util.List;
import io.debuggate.approval.ConcurrentRequestChangeException;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.IllegalStateTransitionException;
import io.debuggate.approval.RequestValidationException;
import io.debuggate.approval.SignOff;
import io.debuggate.approval.SignatureRole;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One request's page: everything it asks for, its signatures and grant, and what the viewer may
 * do — sign or reject with a comment, cancel, revoke, or connect. Refusals come back on the page
 * with the rule that refused and what it means.
 */
@Controller
class RequestPageController {

    private final ApprovalService approvals;
    private final SignatureAdvice advice;
    private final Clock clock;
    private final LiveSessions sessions;

    RequestPageController(ApprovalService approvals, SignatureAdvice advice, Clock clock, LiveSessions sessions) {
        this.approvals = approvals;
        this.advice = advice;
        this.clock = clock;
        this.sessions = sessions;
    }

    @GetMapping("/requests/{id}")
    String page(Authentication auth, @PathVariable String id, Model model) {
        DebugRequest request = approvals.get(id);
        model.addAttribute("details", details(auth, request));
        model.addAttribute("captures", captures(auth, request));
        return "requests/detail";
    }

    /** Snapshot captures hold (masked) target memory: shown to the requester, auditors and admins only. */
    private List<SnapshotCapture> captures(Authentication auth, DebugRequest request) {
        UiUser user = UiUser.of(auth);
        boolean mayRead = request.requester().equals(user.username()) || user.auditor() || user.admin();
        return mayRead ? sessions.captures(request.id()) : List.of();
    }

    /**
     * The live part of the page (state, signatures, grant), polled by htmx while something can
     * change. When the state moved on since the page was drawn ({@code seen}), htmx is told to
     * reload the whole page, so the actions offered (sign, withdraw, connect) match the new state.
     */
    @GetMapping("/requests/{id}/status")
    String status(Authentication auth, @PathVariable String id, @RequestParam(required = false) @Nullable String seen,
                  Model model, HttpServletResponse response) {
        DebugRequest request = approvals.get(id);
        if (seen != null && !seen.equals(request.state().name())) {
            response.setHeader("HX-Refresh", "true");
        }
        // the fragment shows no signing form, so it skips the (inbox-wide) signature advice
        model.addAttribute("details", RequestDetails.of(request, UiUser.of(auth), null, gateway(), clock.instant()));
        model.addAttribute("captures", captures(auth, request));
        return "requests/detail :: status";
    }

    @PostMapping("/requests/{id}/approve")
    String approve(Authentication auth, @PathVariable String id, @RequestParam(defaultValue = "") String comment,
                   @RequestParam(required = false) @Nullable SignatureRole role,
                   @RequestParam(required = false) @Nullable String reviewedContentHash, RedirectAttributes redirect) {
        return act(id, redirect, "notice.approved",
                () -> approvals.approve(UiUser.caller(auth), id, new SignOff(comment, role, reviewedContentHash)));
    }

    @PostMapping("/requests/{id}/reject")
    String reject(Authentication auth, @PathVariable String id, @RequestParam(defaultValue = "") String comment,
                  @RequestParam(required = false) @Nullable SignatureRole role,
                  @RequestParam(required = false) @Nullable String reviewedContentHash, RedirectAttributes redirect) {
        return act(id, redirect, "notice.rejected",
                () -> approvals.reject(UiUser.caller(auth), id, new SignOff(comment, role, reviewedContentHash)));
    }

    @PostMapping("/requests/{id}/revoke")
    String revoke(Authentication auth, @PathVariable String id, @RequestParam(defaultValue = "") String reason,
                  RedirectAttributes redirect) {
        return act(id, redirect, "notice.revoked",
                () -> approvals.revoke(UiUser.caller(auth), id, reason.isBlank() ? null : reason));
    }

    @PostMapping("/requests/{id}/cancel")
    String cancel(Authentication auth, @PathVariable String id, RedirectAttributes redirect) {
        return act(id, redirect, "notice.cancelled", () -> approvals.cancel(UiUser.caller(auth), id));
    }

    private String act(String id, RedirectAttributes redirect, String done, Supplier<DebugRequest> action) {
        try {
            action.get();
            redirect.addFlashAttribute("notice", done);
        } catch (ActionRefusedException e) {
            redirect.addFlashAttribute("refusalRule", e.rule());
            redirect.addFlashAttribute("refusalMessage", e.getMessage());
        } catch (RequestValidationException | IllegalStateTransitionException | ConcurrentRequestChangeException e) {
            redirect.addFlashAttribute("refusalRule", "state");
            redirect.addFlashAttribute("refusalMessage", e.getMessage());
        }
        return "redirect:/requests/" + id;
    }

    private RequestDetails details(Authentication auth, DebugRequest request) {
        return RequestDetails.of(request, UiUser.of(auth), advice.adviseOn(request, UiUser.caller(auth)).orElse(null),
                gateway(), clock.instant());
    }

    /** This gateway's address as the browser reached it, for the connect command. */
    private static String gateway() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
