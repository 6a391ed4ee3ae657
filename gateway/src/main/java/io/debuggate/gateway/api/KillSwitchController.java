package io.debuggate.gateway.api;

import io.debuggate.gateway.identity.CurrentCaller;
import io.debuggate.gateway.tunnel.KillSwitch;
import io.debuggate.gateway.tunnel.LiveSessions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Admin view of live debugger sessions, and the kill switch. Group {@code admins} only. */
@RestController
class KillSwitchController {

    private final KillSwitch killSwitch;
    private final LiveSessions sessions;

    KillSwitchController(KillSwitch killSwitch, LiveSessions sessions) {
        this.killSwitch = killSwitch;
        this.sessions = sessions;
    }

    /**
     * @param target {@code service/instance}; absent = every target
     * @param reason why, for the audit trail and the engineers whose sessions are cut
     */
    record KillRequest(@Nullable String target, @NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/admin/kill")
    ResponseEntity<?> kill(Authentication authentication, @Valid @RequestBody KillRequest request) {
        CurrentCaller caller = CurrentCaller.from(authentication);
        if (!caller.inGroup("admins")) {
            return forbidden(caller);
        }
        try {
            List<KillSwitch.TargetReport> reports = killSwitch.pull(caller.username(), request.target(), request.reason());
            return ResponseEntity.ok(Map.of("targets", reports));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "unknown-target", "detail", e.getMessage()));
        }
    }

    @GetMapping("/api/admin/sessions")
    ResponseEntity<?> live(Authentication authentication) {
        CurrentCaller caller = CurrentCaller.from(authentication);
        return caller.inGroup("admins") ? ResponseEntity.ok(Map.of("sessions", sessions.describe())) : forbidden(caller);
    }

    private static ResponseEntity<?> forbidden(CurrentCaller caller) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "not-an-admin",
                "detail", caller.username() + " is not in the group admins; ask an admin to pull the kill switch"));
    }
}
