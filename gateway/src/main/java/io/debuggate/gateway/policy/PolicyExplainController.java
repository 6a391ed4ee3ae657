package io.debuggate.gateway.policy;

import io.debuggate.policies.Durations;
import io.debuggate.policies.ModePolicy;
import io.debuggate.policies.masking.MaskingEngine;
import io.debuggate.policies.masking.MaskingFinding;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For people writing policies: which masking rule masks what in a sample text, and which overrides
 * shape a mode on a target. Any signed-in user; the answer echoes only the caller's own sample,
 * and nothing of the sample is logged or audited.
 */
@RestController
class PolicyExplainController {

    /** Large enough for a goroutine dump excerpt or a log page; the engine is linear, this only bounds memory. */
    static final int MAX_TEXT = 256 * 1024;

    /**
     * @param text the sample to mask
     * @param target optional {@code service/instance}: also list the overrides that apply to it
     * @param mode optional mode name, with {@code target}: the overrides that narrow this mode there
     */
    record ExplainRequest(
            @NotNull @Size(max = MAX_TEXT, message = "at most " + MAX_TEXT + " characters; explain a shorter excerpt") String text,
            @Nullable @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,62}/[a-z0-9][a-z0-9._-]{0,62}",
                    message = "must be service/instance, e.g. payment-svc/demo-0") String target,
            @Nullable String mode) {
    }

    /** One place the engine masks: rule, char offsets [start, end) in the sample, and the replacement. */
    record Finding(String rule, int start, int end, String replacement) {
    }

    private final ActiveMasking masking;
    private final ActivePolicy active;

    PolicyExplainController(ActiveMasking masking, ActivePolicy active) {
        this.masking = masking;
        this.active = active;
    }

    @PostMapping("/api/policy/explain")
    @Operation(summary = "Mask a sample text and say which rule masked what (offsets, replacement); with target "
            + "(and mode), also the policy overrides that apply there")
    ResponseEntity<?> explain(@Valid @RequestBody ExplainRequest request) {
        MaskingEngine engine = masking.current();
        List<MaskingFinding> found = engine.explain(request.text());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("masked", engine.mask(request.text()));
        body.put("findings", found.stream().map(f -> new Finding(f.ruleId(), f.start(), f.end(), f.replacement())).toList());
        if (request.target() != null) {
            body.put("target", request.target());
            body.put("environment", active.environment());
            body.put("overrides", active.current().overridesFor(request.target(), active.environment()).stream()
                    .filter(o -> request.mode() == null || o.modes().containsKey(request.mode()))
                    .map(PolicyAdminController::override).toList());
        }
        if (request.mode() != null) {
            if (request.target() == null) {
                return badRequest("mode needs a target: overrides depend on the target; send target as service/instance");
            }
            // Not through ActivePolicy's per-target cache: callers here may name any target.
            Optional<ModePolicy> mode = active.current().findMode(request.mode(), request.target(), active.environment());
            if (mode.isEmpty()) {
                return badRequest("the policy has no mode '" + request.mode() + "'; modes: "
                        + String.join(", ", active.current().modes().keySet()));
            }
            body.put("mode", effective(mode.get()));
        }
        return ResponseEntity.ok(body);
    }

    private static Map<String, Object> effective(ModePolicy m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("maxSessionDuration", Durations.format(m.maxSessionDuration()));
        out.put("haltBudget", Map.of("perStop", Durations.format(m.haltBudget().perStop()),
                "maxShareOfWallTime", m.haltBudget().maxShareOfWallTime(),
                "window", Durations.format(m.haltBudget().window())));
        Map<String, Integer> pprof = new LinkedHashMap<>();
        new TreeMap<>(m.pprof().profiles()).forEach((name, rule) -> pprof.put(name, rule.maxSeconds()));
        out.put("pprofMaxSeconds", pprof);
        out.put("delveMethods", m.delve().methods().stream().sorted().toList());
        out.put("delveCommands", m.delve().commands().stream().sorted().toList());
        out.put("dapRequests", m.dap().requests().stream().sorted().toList());
        return out;
    }

    private static ResponseEntity<?> badRequest(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Bad request");
        return ResponseEntity.badRequest().body(problem);
    }
}
