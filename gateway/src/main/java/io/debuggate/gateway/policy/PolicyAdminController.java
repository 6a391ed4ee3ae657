package io.debuggate.gateway.policy;

import io.debuggate.gateway.identity.CurrentCaller;
import io.debuggate.policies.PolicyLoadException;
import io.debuggate.policies.PolicyOverride;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The policy in force and its reload. Group {@code admins} only. */
@RestController
@Tag(name = "policy", description = "The policy in force, its reload (admins) and the masking explanation (everyone)")
class PolicyAdminController {

    private final ActivePolicy active;
    private final PolicyReloader reloader;

    PolicyAdminController(ActivePolicy active, PolicyReloader reloader) {
        this.active = active;
        this.reloader = reloader;
    }

    @GetMapping("/api/admin/policy")
    @Operation(summary = "The policy in force: source file, sha256, when and by whom it was loaded, its overrides")
    ResponseEntity<?> show(Authentication authentication) {
        CurrentCaller caller = CurrentCaller.from(authentication);
        if (!caller.inGroup("admins")) {
            return forbidden(caller, "see the policy's source");
        }
        ActivePolicy.Version v = active.version();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", v.policy().source());
        body.put("sha256", v.sha256());
        body.put("loadedAt", v.loadedAt().toString());
        body.put("loadedBy", v.loadedBy());
        body.put("environment", active.environment());
        body.put("reloadable", reloader.file() != null);
        body.put("modes", v.policy().modes().keySet());
        body.put("overrides", v.policy().overrides().stream().map(PolicyAdminController::override).toList());
        return ResponseEntity.ok(body);
    }

    @PostMapping("/api/admin/policy/reload")
    @Operation(summary = "Re-read debuggate.policy.file; 422 names file, line and reason of a malformed file "
            + "(the old policy stays), 409 when the file changes a restart-only section (health)")
    ResponseEntity<?> reload(Authentication authentication) {
        CurrentCaller caller = CurrentCaller.from(authentication);
        if (!caller.inGroup("admins")) {
            return forbidden(caller, "reload the policy");
        }
        try {
            return ResponseEntity.ok(reloader.reload(caller.username()));
        } catch (PolicyLoadException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    e.getMessage() + "; the policy in force is unchanged");
            problem.setTitle("Invalid policy file");
            problem.setProperty("file", e.source());
            problem.setProperty("line", e.line());
            problem.setProperty("column", e.column());
            problem.setProperty("reason", e.reason());
            return ResponseEntity.unprocessableContent().body(problem);
        } catch (PolicyReloadRefusedException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    e.getMessage() + "; the policy in force is unchanged");
            problem.setTitle("Policy reload refused");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
    }

    static Map<String, Object> override(PolicyOverride o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", o.index());
        out.put("line", o.line());
        out.put("match", o.describeMatch());
        out.put("description", o.description());
        Map<String, String> modes = new LinkedHashMap<>();
        o.modes().forEach((name, n) -> modes.put(name, n.describe()));
        out.put("modes", modes);
        return out;
    }

    private static ResponseEntity<?> forbidden(CurrentCaller caller, String what) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                caller.username() + " is not in the group admins; ask an admin to " + what);
        problem.setTitle("Admins only");
        problem.setProperty("rule", "admins-only");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }
}
