package io.debuggate.gateway.web;

import io.debuggate.approval.ApprovalService;
import io.debuggate.gateway.requests.RequestView;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The approver's inbox: requests awaiting the viewer's signature, oldest first (the one closest
 * to expiring on top). Signing happens on the request's page, after reading all of it.
 */
@Controller
class InboxController {

    private final ApprovalService approvals;

    InboxController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/inbox")
    String page(Authentication auth, Model model) {
        requireApprover(auth);
        model.addAttribute("items", inbox(auth));
        return "inbox";
    }

    /** The list alone, polled by htmx every few seconds. */
    @GetMapping("/inbox/table")
    String table(Authentication auth, Model model) {
        requireApprover(auth);
        model.addAttribute("items", inbox(auth));
        return "inbox :: table";
    }

    private List<RequestView> inbox(Authentication auth) {
        return approvals.pendingFor(UiUser.caller(auth)).stream()
                .sorted(Comparator.comparing(p -> p.request().createdAt()))
                .map(p -> RequestView.of(p.request(), p.role().name(), p.requiredGroup()))
                .toList();
    }

    private static void requireApprover(Authentication auth) {
        if (!UiUser.of(auth).approver()) {
            throw new PageForbiddenException("error.forbidden.inbox");
        }
    }
}
