package io.debuggate.gateway.web;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.search.AuditEventView;
import io.debuggate.audit.search.AuditExport;
import io.debuggate.gateway.auditapi.AuditCriteria;
import io.debuggate.gateway.auditapi.AuditExporter;
import io.debuggate.gateway.auditapi.AuditPager;
import io.debuggate.gateway.auditapi.AuditResultPage;
import io.debuggate.gateway.auditapi.AuditorAccess;
import io.debuggate.gateway.auditapi.ChainCheck;
import io.debuggate.gateway.auditapi.SessionTimeline;
import io.debuggate.gateway.auditapi.VerificationReport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The auditor's pages: search with paging, a session's timeline, chain verification and export.
 * Same services and the same access rule as {@code /api/audit}, behind the login session.
 */
@Controller
class AuditPagesController {

    static final int PAGE_SIZE = 25;

    /** Every action code, for the search form's picker; unknown codes in the store stay searchable as text. */
    static final List<String> ACTIONS = Arrays.stream(AuditActions.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(AuditPagesController::value)
            .sorted()
            .toList();

    static final List<String> OUTCOMES = Arrays.stream(AuditOutcome.values())
            .map(o -> o.name().toLowerCase(Locale.ROOT)).toList();

    private final AuditorAccess access;
    private final AuditPager pager;
    private final SessionTimeline timelines;
    private final ChainCheck chains;
    private final AuditExporter exporter;

    AuditPagesController(AuditorAccess access, AuditPager pager, SessionTimeline timelines, ChainCheck chains,
                         AuditExporter exporter) {
        this.access = access;
        this.pager = pager;
        this.timelines = timelines;
        this.chains = chains;
        this.exporter = exporter;
    }

    @GetMapping("/audit")
    String search(Authentication auth, @ModelAttribute("criteria") AuditCriteria criteria,
                  @RequestParam(defaultValue = "0") int page, Model model) throws IOException {
        access.require(auth, "search the audit trail");
        model.addAttribute("actions", ACTIONS);
        model.addAttribute("outcomes", OUTCOMES);
        try {
            AuditResultPage result = pager.page(criteria, page, PAGE_SIZE);
            model.addAttribute("result", result);
            model.addAttribute("previousLink", result.hasPrevious() ? link("/audit", criteria, page - 1) : null);
            model.addAttribute("nextLink", result.hasNext() ? link("/audit", criteria, page + 1) : null);
        } catch (IllegalArgumentException e) {
            model.addAttribute("criteriaError", e.getMessage());
        }
        model.addAttribute("exportNdjson", link("/audit/export", criteria, null) + sep(criteria) + "format=ndjson");
        model.addAttribute("exportCsv", link("/audit/export", criteria, null) + sep(criteria) + "format=csv");
        return "audit/search";
    }

    @GetMapping("/audit/sessions/{id}")
    String timeline(Authentication auth, @PathVariable String id, Model model) throws IOException {
        access.require(auth, "replay a session");
        model.addAttribute("sessionId", id);
        model.addAttribute("events", timelines.of(id));
        return "audit/timeline";
    }

    /** The timeline as JSON lines (the stored documents), in timeline order. */
    @GetMapping("/audit/sessions/{id}/export")
    ResponseEntity<StreamingResponseBody> timelineExport(Authentication auth, @PathVariable String id) throws IOException {
        access.require(auth, "export a session");
        List<AuditEventView> events = timelines.of(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-ndjson;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"debuggate-session-"
                        + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".ndjson\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out -> {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    events.forEach(AuditExport.jsonLines(writer));
                    writer.flush();
                });
    }

    @GetMapping("/audit/verify")
    String verifyForm(Authentication auth, Model model) throws IOException {
        access.require(auth, "verify the audit chain");
        model.addAttribute("instances", chains.instances());
        return "audit/verify";
    }

    @PostMapping("/audit/verify")
    String verify(Authentication auth, @RequestParam(required = false) @Nullable String instance,
                  @RequestParam(required = false) @Nullable Long from, @RequestParam(required = false) @Nullable Long to,
                  Model model) throws IOException {
        access.require(auth, "verify the audit chain");
        model.addAttribute("instances", chains.instances());
        model.addAttribute("chosen", instance);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        try {
            VerificationReport report = chains.verify(instance, from, to);
            model.addAttribute("report", report);
        } catch (IllegalArgumentException e) {
            model.addAttribute("rangeError", e.getMessage());
        }
        return "audit/verify";
    }

    @GetMapping("/audit/export")
    ResponseEntity<StreamingResponseBody> export(Authentication auth, @ModelAttribute AuditCriteria criteria,
                                                 @RequestParam(defaultValue = "ndjson") String format) {
        access.require(auth, "export the audit trail");
        return exporter.download(criteria, AuditExporter.Format.parse(format));
    }

    private static String link(String path, AuditCriteria criteria, @Nullable Integer page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        criteria.asParameters().forEach(link::queryParam);
        if (page != null) {
            link.queryParam("page", page);
        }
        return link.encode().build().toUriString();
    }

    private static String sep(AuditCriteria criteria) {
        return criteria.asParameters().isEmpty() ? "?" : "&";
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
