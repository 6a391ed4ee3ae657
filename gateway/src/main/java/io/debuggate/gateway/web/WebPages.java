package io.debuggate.gateway.web;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.debuggate.approval.RequestNotFoundException;
import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.gateway.auditapi.AuditorOnlyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page gets: the signed-in user (for the navigation) and the current path; and the one
 * place that turns refusals and outages into a readable page with the right status.
 */
@ControllerAdvice(basePackageClasses = WebPages.class)
class WebPages {

    private static final Logger log = LoggerFactory.getLogger(WebPages.class);

    @ModelAttribute("me")
    @Nullable UiUser me(@Nullable Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return UiUser.of(authentication);
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ExceptionHandler(PageForbiddenException.class)
    String forbidden(PageForbiddenException e, Model model, HttpServletResponse response) {
        return problem(model, response, 403, "error.forbidden.title", e.messageKey(), null);
    }

    @ExceptionHandler(AuditorOnlyException.class)
    String notAuditor(AuditorOnlyException e, Model model, HttpServletResponse response) {
        return problem(model, response, 403, "error.forbidden.title", "error.forbidden.auditors", e.getMessage());
    }

    @ExceptionHandler(RequestNotFoundException.class)
    String notFound(RequestNotFoundException e, Model model, HttpServletResponse response) {
        return problem(model, response, 404, "error.notfound.title", "error.notfound.request", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    String badInput(IllegalArgumentException e, Model model, HttpServletResponse response) {
        return problem(model, response, 400, "error.badinput.title", "error.badinput.text", e.getMessage());
    }

    @ExceptionHandler(AuditUnavailableException.class)
    String auditDown(AuditUnavailableException e, Model model, HttpServletResponse response) {
        log.error("event=audit_unavailable action=refused reason=\"{}\"", e.getMessage());
        return problem(model, response, 503, "error.auditdown.title", "error.auditdown.text", e.getMessage());
    }

    @ExceptionHandler({IOException.class, ElasticsearchException.class})
    String storeUnreadable(Exception e, Model model, HttpServletResponse response) {
        log.warn("event=audit_read_failed reason=\"{}\"", e.getMessage());
        return problem(model, response, 503, "error.storedown.title", "error.storedown.text", e.getMessage());
    }

    private static String problem(Model model, HttpServletResponse response, int status, String titleKey,
                                  String textKey, @Nullable String detail) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("titleKey", titleKey);
        model.addAttribute("textKey", textKey);
        model.addAttribute("detail", detail);
        return "problem";
    }
}
