package io.debuggate.audit.search;

import io.debuggate.audit.AuditOutcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An auditor's search: every criterion is optional and they combine with AND.
 *
 * @param text free text, matched against the masked message and reason (simple query syntax)
 * @param from inclusive lower bound on {@code @timestamp}
 * @param to exclusive upper bound on {@code @timestamp}
 * @param cursor from {@link AuditSearchPage#nextCursor()} to fetch the next page
 */
public record AuditQuery(
        @Nullable String user,
        @Nullable String session,
        @Nullable String target,
        @Nullable String action,
        @Nullable AuditOutcome outcome,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String text,
        @Nullable String instance,
        boolean oldestFirst,
        int pageSize,
        @Nullable String cursor) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;

    public AuditQuery {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size " + pageSize + " is outside 1.." + MAX_PAGE_SIZE);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("time range " + from + " .. " + to + " is empty: 'from' must be before 'to'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same query for the page after {@code cursor}. */
    public AuditQuery next(String nextCursor) {
        return new AuditQuery(user, session, target, action, outcome, from, to, text, instance, oldestFirst, pageSize,
                nextCursor);
    }

    /** Fluent construction. */
    public static final class Builder {
        private @Nullable String user;
        private @Nullable String session;
        private @Nullable String target;
        private @Nullable String action;
        private @Nullable AuditOutcome outcome;
        private @Nullable Instant from;
        private @Nullable Instant to;
        private @Nullable String text;
        private @Nullable String instance;
        private boolean oldestFirst;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private @Nullable String cursor;

        public Builder user(@Nullable String value) { this.user = value; return this; }
        public Builder session(@Nullable String value) { this.session = value; return this; }
        public Builder target(@Nullable String value) { this.target = value; return this; }
        public Builder action(@Nullable String value) { this.action = value; return this; }
        public Builder outcome(@Nullable AuditOutcome value) { this.outcome = value; return this; }
        public Builder from(@Nullable Instant value) { this.from = value; return this; }
        public Builder to(@Nullable Instant value) { this.to = value; return this; }
        public Builder text(@Nullable String value) { this.text = value; return this; }
        public Builder instance(@Nullable String value) { this.instance = value; return this; }
        public Builder oldestFirst(boolean value) { this.oldestFirst = value; return this; }
        public Builder pageSize(int value) { this.pageSize = value; return this; }
        public Builder cursor(@Nullable String value) { this.cursor = value; return this; }

        public AuditQuery build() {
            return new AuditQuery(user, session, target, action, outcome, from, to, text, instance, oldestFirst,
                    pageSize, cursor);
        }
    }
}
