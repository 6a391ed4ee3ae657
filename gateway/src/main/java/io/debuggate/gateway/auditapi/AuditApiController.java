package io.debuggate.gateway.auditapi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The auditors' API. Every endpoint first checks that the caller is an auditor or an admin (403
 * with the reason otherwise, and the refusal is recorded), then reads with the audit store's
 * auditor identity.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit", description = "Search, replay, verify and export the audit trail (groups auditors and admins only)")
class AuditApiController {

    static final String NOT_AUDITOR = "The caller is in neither the auditors nor the admins group (problem body names the rule auditors-only)";

    /** A page of events plus what a client needs to fetch the next one. */
    record EventsPage(List<AuditEventJson> events, int page, int size, long total, boolean totalIsLowerBound,
                      boolean hasNext, @Nullable String nextCursor, @Nullable String next) {
    }

    /** Every event of one session, in chain order. */
    record Timeline(String session, int count, List<AuditEventJson> events) {
    }

    private final AuditorAccess access;
    private final AuditPager pager;
    private final SessionTimeline timelines;
    private final ChainCheck chains;
    private final AuditExporter exporter;

    AuditApiController(AuditorAccess access, AuditPager pager, SessionTimeline timelines, ChainCheck chains,
                       AuditExporter exporter) {
        this.access = access;
        this.pager = pager;
        this.timelines = timelines;
        this.chains = chains;
        this.exporter = exporter;
    }

    @GetMapping("/events")
    @Operation(summary = "Search audit events, newest first",
            description = "Criteria combine with AND. Times are ISO-8601 (2026-01-01T10:00:00Z; without zone = UTC; "
                    + "a bare date as 'to' means the end of that day). Page with page/size (0-based, up to the first "
                    + "10 000 hits) or follow nextCursor.")
    @ApiResponse(responseCode = "200", description = "A page of events")
    @ApiResponse(responseCode = "400", description = "A criterion is malformed; the problem body names it")
    @ApiResponse(responseCode = "403", description = NOT_AUDITOR)
    @ApiResponse(responseCode = "503", description = "The audit store cannot be read")
    EventsPage events(Authentication auth, @ParameterObject AuditCriteria criteria,
                      @Parameter(description = "0-based page number") @RequestParam(defaultValue = "0") int page,
                      @Parameter(description = "events per page, 1 to 1000") @RequestParam(defaultValue = "50") int size,
                      @Parameter(description = "nextCursor of the previous page; overrides page")
                      @RequestParam(required = false) @Nullable String cursor) throws IOException {
        access.require(auth, "search the audit trail");
        AuditResultPage result = cursor == null || cursor.isBlank()
                ? pager.page(criteria, page, size)
                : pager.after(criteria, cursor, size);
        String next = null;
        if (result.hasNext()) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath("/api/audit/events");
            criteria.asParameters().forEach(link::queryParam);
            link.queryParam("size", size);
            if (result.page() >= 0) {
                link.queryParam("page", result.page() + 1);
            } else {
                link.queryParam("cursor", result.nextCursor());
            }
            next = link.encode().build().toUriString();
        }
        return new EventsPage(result.events().stream().map(AuditEventJson::of).toList(), result.page(), size,
                result.total(), result.totalIsLowerBound(), result.hasNext(), result.nextCursor(), next);
    }

    @GetMapping("/sessions/{id}/timeline")
    @Operation(summary = "Every event of one session in order: request, signatures, grant, fetches, commands, cuts",
            description = "A session id is its request id. Payloads were masked before they were stored.")
    @ApiResponse(responseCode = "403", description = NOT_AUDITOR)
    Timeline timeline(Authentication auth, @PathVariable String id) throws IOException {
        access.require(auth, "replay a session");
        List<AuditEventJson> events = timelines.of(id).stream().map(AuditEventJson::of).toList();
        return new Timeline(id, events.size(), events);
    }

    @PostMapping("/verify")
    @Operation(summary = "Verify a range of a gateway instance's hash chain and report the first broken link",
            description = "from/to are sequence numbers (inclusive; default the whole chain). Without 'to', this "
                    + "gateway's chain must reach its last shipped event, so a deleted tail is reported TRUNCATED. "
                    + "Always 200: read 'intact' and 'firstBreak'.")
    @ApiResponse(responseCode = "403", description = NOT_AUDITOR)
    VerificationReport verify(Authentication auth,
                              @Parameter(description = "gateway instance (chain); default this gateway's")
                              @RequestParam(required = false) @Nullable String instance,
                              @Parameter(description = "first sequence, default 1") @RequestParam(required = false) @Nullable Long from,
                              @Parameter(description = "last sequence, inclusive; default the end")
                              @RequestParam(required = false) @Nullable Long to) throws IOException {
        access.require(auth, "verify the audit chain");
        return chains.verify(instance, from, to);
    }

    @GetMapping("/instances")
    @Operation(summary = "The gateway instances (hash chains) the audit store holds events of, this gateway's first")
    @ApiResponse(responseCode = "403", description = NOT_AUDITOR)
    List<String> instances(Authentication auth) throws IOException {
        access.require(auth, "list the audit chains");
        return chains.instances();
    }

    @GetMapping("/export")
    @Operation(summary = "Download every matching event, oldest first, as JSON lines (default) or CSV",
            description = "Streams; same criteria as /events. JSON lines are the stored documents in canonical form, "
                    + "so each line can be re-hashed. CSV cells a spreadsheet would run as a formula start with '.")
    @ApiResponse(responseCode = "200", description = "The events, as an attachment",
            content = {@Content(mediaType = "application/x-ndjson"), @Content(mediaType = "text/csv")})
    @ApiResponse(responseCode = "403", description = NOT_AUDITOR)
    ResponseEntity<StreamingResponseBody> export(Authentication auth, @ParameterObject AuditCriteria criteria,
                                                 @Parameter(description = "ndjson (default) or csv")
                                                 @RequestParam(defaultValue = "ndjson") String format) {
        access.require(auth, "export the audit trail");
        return exporter.download(criteria, AuditExporter.Format.parse(format));
    }
}
