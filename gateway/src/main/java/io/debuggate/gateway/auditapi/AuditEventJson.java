package io.debuggate.gateway.auditapi;

import io.debuggate.audit.search.AuditEventView;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One audit event as the API returns it: flat fields, already masked; the raw document is in the export. */
public record AuditEventJson(
        String eventId,
        Instant timestamp,
        String action,
        String outcome,
        String user,
        @Nullable String traceId,
        @Nullable String session,
        @Nullable String target,
        @Nullable String request,
        @Nullable String reason,
        String message,
        Map<String, Object> details,
        String instance,
        long sequence,
        String previousHash,
        String hash) {

    static AuditEventJson of(AuditEventView e) {
        return new AuditEventJson(e.eventId(), e.timestamp(), e.action(), e.outcome(), e.user(), e.traceId(),
                e.session(), e.target(), e.request(), e.reason(), e.message(), e.details(), e.instance(), e.sequence(),
                e.previousHash(), e.hash());
    }
}
