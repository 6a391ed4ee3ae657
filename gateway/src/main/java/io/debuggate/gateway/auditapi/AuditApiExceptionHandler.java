package io.debuggate.gateway.auditapi;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.debuggate.audit.store.StoreRequestException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem bodies for the auditors' API: who may use it, bad criteria, an unreadable store. */
@RestControllerAdvice(assignableTypes = AuditApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AuditApiExceptionHandler.class);

    @ExceptionHandler(AuditorOnlyException.class)
    ProblemDetail auditorsOnly(AuditorOnlyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Auditors and admins only");
        problem.setProperty("rule", AuditorOnlyException.RULE);
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badCriterion(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad search criterion");
        return problem;
    }

    @ExceptionHandler({IOException.class, ElasticsearchException.class, StoreRequestException.class})
    ProblemDetail storeUnreadable(Exception e) {
        log.warn("event=audit_read_failed reason=\"{}\"", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the audit store could not be read: " + e.getMessage()
                        + ". Check Elasticsearch (GET /actuator/health shows the audit store) and retry.");
        problem.setTitle("Audit store unreadable");
        return problem;
    }
}
