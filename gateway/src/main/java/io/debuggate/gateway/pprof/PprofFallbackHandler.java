package io.debuggate.gateway.pprof;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import jakarta.servlet.DispatcherType;
import java.security.Principal;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.filter.CircuitBreakerFilterFunctions.CircuitBreakerStatusCodeException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Where the pprof route's circuit-breaker filter forwards to. It explains the failure: the agent
 * path failed (the handler already audited that fetch), or the breaker is open after repeated
 * failures and the fetch was not attempted (audited here as a denial, since nothing else saw it).
 * Called directly, not through a forward, it has nothing to explain and answers 404.
 */
final class PprofFallbackHandler implements HandlerFunction<ServerResponse> {

    private final AuditTrail audit;

    PprofFallbackHandler(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public ServerResponse handle(ServerRequest request) {
        Object target = request.servletRequest().getAttribute(PprofUpstreamBreaker.TARGET_ATTRIBUTE);
        if (request.servletRequest().getDispatcherType() != DispatcherType.FORWARD || target == null) {
            return problem(HttpStatus.NOT_FOUND, "Not found", "nothing failed upstream on this request", null);
        }
        Object thrown = MvcUtils.getAttribute(request, MvcUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (thrown instanceof CallNotPermittedException) {
            String user = request.principal().map(Principal::getName).orElse("unknown");
            String message = "pprof is paused for " + target + ": its agent failed repeatedly, so the gateway's circuit "
                    + "breaker for it is open and the fetch was not attempted. It lets a trial fetch through again after "
                    + "its wait (30s by default). Check the agent and the service: GET /api/targets";
            audit.record(AuditRecord.of(AuditActions.PPROF_FETCH, AuditOutcome.DENIED, user).target(target.toString())
                    .reason(message).detail("rule", "pprof-upstream-breaker-open").detail("path", request.path()).build());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "pprof upstream circuit open", message, "pprof-upstream-breaker-open");
        }
        HttpStatus status = thrown instanceof CircuitBreakerStatusCodeException e && e.getStatusCode().value() == 504
                ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
        Object detail = request.servletRequest().getAttribute(PprofUpstreamBreaker.FAILURE_ATTRIBUTE);
        String message = (detail != null ? detail.toString() : "the agent for " + target + " failed")
                + ". The gateway's circuit breaker for " + target + " counted this failure; after repeated failures it "
                + "pauses pprof for this target instead of waiting on a dead agent.";
        return problem(status, "The target's agent did not serve the profile", message, "pprof-upstream-failed");
    }

    private static ServerResponse problem(HttpStatus status, String title, String detail, String rule) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        if (rule != null) {
            body.setProperty("rule", rule);
        }
        return ServerResponse.status(status).header("Cache-Control", "no-store")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
