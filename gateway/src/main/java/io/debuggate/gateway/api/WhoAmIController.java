package io.debuggate.gateway.api;

import io.debuggate.gateway.identity.CurrentCaller;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells a client which user and groups the gateway sees in its token. */
@RestController
class WhoAmIController {

    record WhoAmI(String username, Set<String> groups) {
    }

    @GetMapping("/api/whoami")
    WhoAmI whoami(Authentication authentication) {
        CurrentCaller caller = CurrentCaller.from(authentication);
        return new WhoAmI(caller.username(), new TreeSet<>(caller.groups()));
    }
}
