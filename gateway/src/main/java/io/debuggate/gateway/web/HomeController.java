package io.debuggate.gateway.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Sends each person to the page they most likely came for. */
@Controller
class HomeController {

    @GetMapping("/")
    String home(Authentication authentication) {
        UiUser me = UiUser.of(authentication);
        if (me.approver()) {
            return "redirect:/inbox";
        }
        if (me.auditor()) {
            return "redirect:/audit";
        }
        if (me.admin()) {
            return "redirect:/admin";
        }
        return "redirect:/requests";
    }
}
