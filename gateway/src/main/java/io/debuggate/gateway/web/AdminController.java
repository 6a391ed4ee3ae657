package io.debuggate.gateway.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The admin page: registered targets and their agents, breaker states, the kill switch and the
 * effective policy. Admins only.
 */
@Controller
class AdminController {

    private final RequestFormOptions options;
    private final PolicyView policy;

    AdminController(RequestFormOptions options, PolicyView policy) {
        this.options = options;
        this.policy = policy;
    }

    @GetMapping("/admin")
    String page(Authentication auth, Model model) {
        if (!UiUser.of(auth).admin()) {
            throw new PageForbiddenException("error.forbidden.admin");
        }
        model.addAttribute("targets", options.targets());
        model.addAttribute("policy", policy);
        return "admin";
    }
}
