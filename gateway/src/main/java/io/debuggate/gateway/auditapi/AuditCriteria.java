package io.debuggate.gateway.auditapi;

import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.search.AuditQuery;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an auditor searches for, as typed (query parameters of the API and the search form). Every
 * criterion is optional; they combine with AND.
 *
 * @param user exact user name, e.g. {@code alice}
 * @param session exact session id (a session id is its request id)
 * @param target exact target, e.g. {@code payment-svc/demo-0}
 * @param action exact action code, e.g. {@code request.signed} (see {@code AuditActions})
 * @param outcome {@code success}, {@code failure} or {@code denied}
 * @param from inclusive lower time bound (see {@link AuditTimes} for accepted forms)
 * @param to exclusive upper time bound
 * @param q free text over the masked message, reason and details (simple query syntax)
 */
public record AuditCriteria(
        @Nullable String user,
        @Nullable String session,
        @Nullable String target,
        @Nullable String action,
        @Nullable String outcome,
        @Nullable String from,
        @Nullable String to,
        @Nullable String q) {

    public static AuditCriteria none() {
        return new AuditCriteria(null, null, null, null, null, null, null, null);
    }

    /** The query for these criteria, newest first; throws {@link IllegalArgumentException} naming a bad value. */
    public AuditQuery.Builder toQuery() {
        return AuditQuery.builder()
                .user(blankToNull(user))
                .session(blankToNull(session))
                .target(blankToNull(target))
                .action(blankToNull(action))
                .outcome(parseOutcome(outcome))
                .from(AuditTimes.lowerBound("from", from))
                .to(AuditTimes.upperBound("to", to))
                .text(blankToNull(q));
    }

    /** The non-blank criteria in a stable order, for links that keep them (paging, export). */
    public Map<String, String> asParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "user", user);
        put(params, "session", session);
        put(params, "target", target);
        put(params, "action", action);
        put(params, "outcome", outcome);
        put(params, "from", from);
        put(params, "to", to);
        put(params, "q", q);
        return params;
    }

    private static @Nullable AuditOutcome parseOutcome(@Nullable String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            return AuditOutcome.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'outcome' is '" + value + "'; give one of "
                    + Arrays.stream(AuditOutcome.values()).map(o -> o.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    private static void put(Map<String, String> params, String name, @Nullable String value) {
        String v = blankToNull(value);
        if (v != null) {
            params.put(name, v);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
