package io.debuggate.audit.search;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One stored audit event as auditors see it. Everything in it was masked before it was stored.
 *
 * @param source the stored document, e.g. for export or re-verification
 */
public record AuditEventView(
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
        String hash,
        JsonNode source) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    public static AuditEventView of(JsonNode source) {
        JsonNode event = source.path("event");
        JsonNode ours = source.path("debuggate");
        JsonNode chain = ours.path("chain");
        JsonNode details = ours.path("details");
        return new AuditEventView(
                event.path("id").asString(""),
                Instant.parse(source.path("@timestamp").asString("1970-01-01T00:00:00Z")),
                event.path("action").asString(""),
                event.path("outcome").asString(""),
                source.path("user").path("name").asString(""),
                text(source.path("trace").path("id")),
                text(ours.path("session")),
                text(ours.path("target")),
                text(ours.path("request")),
                text(ours.path("reason")),
                source.path("message").asString(""),
                details.isObject() ? JSON.convertValue(details, MAP) : Map.of(),
                chain.path("instance").asString(""),
                event.path("sequence").asLong(0),
                chain.path("prev").asString(""),
                chain.path("hash").asString(""),
                source);
    }

    private static @Nullable String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }
}
