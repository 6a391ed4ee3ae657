package io.debuggate.gateway.api;

import io.debuggate.approval.ActionRefusedException;
import io.debuggate.approval.ConcurrentRequestChangeException;
import io.debuggate.approval.IllegalStateTransitionException;
import io.debuggate.approval.RequestNotFoundException;
import io.debuggate.approval.RequestValidationException;
import io.debuggate.audit.AuditUnavailableException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns domain refusals into RFC 9457 problem bodies that say which rule refused and how to fix
 * it. Each refusal is already audited by the module that refused.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(RequestValidationException.class)
    ProblemDetail invalid(RequestValidationException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid debug request", e.getMessage());
        List<Map<String, String>> errors = e.errors().stream()
                .map(f -> Map.of("field", f.field(), "message", f.message()))
                .toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(ActionRefusedException.class)
    ProblemDetail refused(ActionRefusedException e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Refused by rule " + e.rule(), e.getMessage());
        problem.setProperty("rule", e.rule());
        return problem;
    }

    @ExceptionHandler(RequestNotFoundException.class)
    ProblemDetail notFound(RequestNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "No such request", e.getMessage());
    }

    @ExceptionHandler({IllegalStateTransitionException.class, ConcurrentRequestChangeException.class})
    ProblemDetail conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Request is not in a state that allows this", e.getMessage());
    }

    @ExceptionHandler(AuditUnavailableException.class)
    ProblemDetail auditDown(AuditUnavailableException e) {
        log.error("event=audit_unavailable action=refused reason=\"{}\"", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Audit trail unavailable",
                "Nothing was changed because it could not be recorded durably (fail closed). "
                        + "Check the gateway's audit spool disk and Elasticsearch: " + e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
