package io.debuggate.gateway.web;

import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.gateway.tunnel.KillSwitch;
import io.debuggate.gateway.tunnel.LiveSessions;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin page: registered targets and their agents, breaker states, live sessions, the kill
 * switch and the effective policy. Admins only; the kill switch is the same one as
 * {@code POST /api/admin/kill}, behind the login session and its CSRF token.
 */
@Controller
class AdminController {

    private final RequestFormOptions options;
    private final PolicyView policy;
    private final KillSwitch killSwitch;
    private final LiveSessions sessions;

    AdminController(RequestFormOptions options, PolicyView policy, KillSwitch killSwitch, LiveSessions sessions) {
        this.options = options;
        this.policy = policy;
        this.killSwitch = killSwitch;
        this.sessions = sessions;
    }

    @GetMapping("/admin")
    String page(Authentication auth, Model model) {
        requireAdmin(auth);
        model.addAttribute("targets", options.targets());
        model.addAttribute("sessions", sessions.describe());
        model.addAttribute("policy", policy);
        return "admin";
    }

    @PostMapping("/admin/kill")
    String kill(Authentication auth, @RequestParam(defaultValue = "") String target,
                @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        UiUser me = requireAdmin(auth);
        if (reason.isBlank() || reason.length() > 500) {
            redirect.addFlashAttribute("killError", "kill.reason.required");
            return "redirect:/admin#kill-title";
        }
        try {
            List<KillSwitch.TargetReport> reports = killSwitch.pull(me.username(), blankToNull(target), reason.strip());
            redirect.addFlashAttribute("killReports", reports);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("killError", "kill.unknown.target");
        } catch (AuditUnavailableException e) {
            // recording the pull failed before anything was cut; the message says so
            redirect.addFlashAttribute("killError", "error.auditdown.text");
        }
        return "redirect:/admin#kill-title";
    }

    private static UiUser requireAdmin(Authentication auth) {
        UiUser me = UiUser.of(auth);
        if (!me.admin()) {
            throw new PageForbiddenException("error.forbidden.admin");
        }
        return me;
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value.strip();
    }
}
