package io.debuggate.audit.search;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of results.
 *
 * @param total matching events (exact up to 10 000, a lower bound beyond)
 * @param nextCursor pass to {@link AuditQuery#next(String)} for the next page; {@code null} on the last page
 */
public record AuditSearchPage(List<AuditEventView> events, long total, @Nullable String nextCursor) {
}
