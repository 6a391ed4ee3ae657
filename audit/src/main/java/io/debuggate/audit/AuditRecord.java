package io.debuggate.audit;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a caller wants recorded. Free text and {@code details} values are masked by the trail
 * before they are stored, so callers may pass raw payloads.
 *
 * @param action stable dotted code from {@link AuditActions}, e.g. {@code request.approved}
 * @param outcome success, failure or denied
 * @param user the acting user's name ({@code system} for the gateway itself)
 * @param details extra fields (masked); values are strings, numbers, booleans, lists or maps
 * @param traceId distributed trace id (ECS {@code trace.id}) when the caller has one
 */
public record AuditRecord(
        String action,
        AuditOutcome outcome,
        String user,
        @Nullable String sessionId,
        @Nullable String target,
        @Nullable String requestId,
        @Nullable String reason,
        Map<String, Object> details,
        @Nullable String traceId) {

    public AuditRecord {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(user, "user");
        details = Map.copyOf(details);
    }

    /** Without a trace id; kept for call sites written before {@code traceId} existed. */
    public AuditRecord(String action, AuditOutcome outcome, String user, @Nullable String sessionId,
            @Nullable String target, @Nullable String requestId, @Nullable String reason, Map<String, Object> details) {
        this(action, outcome, user, sessionId, target, requestId, reason, details, null);
    }

    public static Builder of(String action, AuditOutcome outcome, String user) {
        return new Builder(action, outcome, user);
    }

    /** Fluent construction for call sites that set only a few of the optional fields. */
    public static final class Builder {
        private final String action;
        private final AuditOutcome outcome;
        private final String user;
        private @Nullable String sessionId;
        private @Nullable String target;
        private @Nullable String requestId;
        private @Nullable String reason;
        private @Nullable String traceId;
        private final java.util.LinkedHashMap<String, Object> details = new java.util.LinkedHashMap<>();

        private Builder(String action, AuditOutcome outcome, String user) {
            this.action = action;
            this.outcome = outcome;
            this.user = user;
        }

        public Builder session(@Nullable String value) { this.sessionId = value; return this; }
        public Builder target(@Nullable String value) { this.target = value; return this; }
        public Builder request(@Nullable String value) { this.requestId = value; return this; }
        public Builder reason(@Nullable String value) { this.reason = value; return this; }
        public Builder trace(@Nullable String value) { this.traceId = value; return this; }
        public Builder detail(String key, @Nullable Object value) {
            if (value != null) {
                details.put(key, value);
            }
            return this;
        }

        public AuditRecord build() {
            return new AuditRecord(action, outcome, user, sessionId, target, requestId, reason, details, traceId);
        }
    }
}
