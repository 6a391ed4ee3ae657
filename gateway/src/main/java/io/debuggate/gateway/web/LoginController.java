package io.debuggate.gateway.web;

import io.debuggate.gateway.identity.DemoUsers;
import io.debuggate.gateway.identity.IdentityProperties;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page. Spring Security handles the POST; this page keeps the default form's field
 * names ({@code username}, {@code password}, {@code _csrf}) that the CLI's scripted login reads.
 */
@Controller
class LoginController {

    private final IdentityProperties identity;

    LoginController(IdentityProperties identity) {
        this.identity = identity;
    }

    /** A demo user as the sign-in page lists them. */
    record DemoRow(String username, List<String> groups) {
    }

    @GetMapping("/login")
    String login(Model model) {
        List<DemoRow> demo = identity.demoUsers() && identity.embeddedIssuer()
                ? DemoUsers.ALL.stream().map(u -> new DemoRow(u.username(), u.groups().stream().sorted().toList())).toList()
                : List.of();
        model.addAttribute("demoUsers", demo);
        return "login";
    }
}
