package io.debuggate.gateway.web;

import io.debuggate.approval.ApprovalService;
import io.debuggate.approval.DebugRequest;
import io.debuggate.gateway.requests.RequestView;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** "My requests": the engineer's requests, newest first, with their live state. */
@Controller
class MyRequestsController {

    private final ApprovalService approvals;

    MyRequestsController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/requests")
    String page(Authentication auth, Model model) {
        model.addAttribute("requests", mine(auth));
        return "requests/mine";
    }

    /** The table alone, polled by htmx every few seconds. */
    @GetMapping("/requests/table")
    String table(Authentication auth, Model model) {
        model.addAttribute("requests", mine(auth));
        return "requests/mine :: table";
    }

    private List<RequestView> mine(Authentication auth) {
        return approvals.listMine(UiUser.caller(auth)).stream()
                .sorted(Comparator.comparing(DebugRequest::createdAt).reversed())
                .map(RequestView::of)
                .toList();
    }
}
