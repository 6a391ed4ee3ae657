package io.debuggate.gateway.pprof;

import static org.springframework.cloud.gateway.server.mvc.filter.CircuitBreakerFilterFunctions.circuitBreaker;

import io.debuggate.approval.ApprovalService;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.RequestNotFoundException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.cloud.gateway.server.mvc.filter.CircuitBreakerFilterFunctions;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Spring Cloud Gateway's circuit-breaker filter around the pprof route, with one breaker per
 * target ({@code pprof-upstream:<service>/<instance>} in the application's Resilience4j registry)
 * so that one dead agent does not close pprof to every other target. Upstream failures are the
 * handler's 502 (agent unreachable or refusing) and 504; policy refusals and health-gate refusals
 * are not the upstream's fault and do not count. When the breaker refuses or counts a failure,
 * the request is forwarded to {@link PprofFallbackHandler}, which says what happened.
 *
 * <p>This breaker is about the agent path failing, not about the target's health: the health
 * breakers ({@code io.debuggate.gateway.health}) judge the service itself.
 */
final class PprofUpstreamBreaker {

    static final String ID_PREFIX = "pprof-upstream:";
    static final String FALLBACK_PATH = "/api/pprof/upstream-unavailable";
    /** Request attribute: the target the breaker was chosen for. */
    static final String TARGET_ATTRIBUTE = PprofUpstreamBreaker.class.getName() + ".target";
    /** Request attribute: the handler's own description of the upstream failure. */
    static final String FAILURE_ATTRIBUTE = PprofUpstreamBreaker.class.getName() + ".failure";

    /** Granted sessions remembered; beyond this many the memory starts afresh (each costs one more load). */
    private static final int REMEMBERED_SESSIONS = 10_000;

    private final ApprovalService approvals;
    private final ConcurrentMap<String, HandlerFilterFunction<ServerResponse, ServerResponse>> breakers = new ConcurrentHashMap<>();
    /** Session id → target, for granted sessions only: a grant's target never changes, a draft's may. */
    private final ConcurrentMap<String, String> grantedTargets = new ConcurrentHashMap<>();

    PprofUpstreamBreaker(ApprovalService approvals) {
        this.approvals = approvals;
    }

    HandlerFilterFunction<ServerResponse, ServerResponse> filter() {
        return (request, next) -> {
            String sessionId = request.pathVariables().get("sessionId");
            Optional<String> target = sessionId == null ? Optional.empty() : targetOf(sessionId);
            if (target.isEmpty()) {
                // Unknown session or no target: the handler refuses it; nothing upstream to protect.
                return next.handle(request);
            }
            request.attributes().put(TARGET_ATTRIBUTE, target.get());
            return breakers.computeIfAbsent(target.get(), PprofUpstreamBreaker::breakerFor).filter(request, next);
        };
    }

    private static HandlerFilterFunction<ServerResponse, ServerResponse> breakerFor(String target) {
        return circuitBreaker((CircuitBreakerFilterFunctions.CircuitBreakerConfig c) -> c.setId(ID_PREFIX + target)
                .setFallbackPath(FALLBACK_PATH).setStatusCodes("502", "504"));
    }

    private Optional<String> targetOf(String sessionId) {
        // The handler loads the session again to authorize it; this load was a quarter of a
        // millisecond of every small fetch, so granted sessions' targets are remembered.
        String known = grantedTargets.get(sessionId);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            DebugRequest request = approvals.get(sessionId);
            String service = request.draft().targetService();
            String instance = request.draft().targetInstance();
            if (service == null || instance == null) {
                return Optional.empty();
            }
            String target = service + "/" + instance;
            if (request.grant() != null) {
                if (grantedTargets.size() >= REMEMBERED_SESSIONS) {
                    grantedTargets.clear();
                }
                grantedTargets.put(sessionId, target);
            }
            return Optional.of(target);
        } catch (RequestNotFoundException e) {
            return Optional.empty();
        }
    }
}
