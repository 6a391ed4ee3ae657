package io.debuggate.gateway.auditapi;

import io.debuggate.audit.search.AuditEventView;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of search results, newest first.
 *
 * @param page 0-based page number; {@code -1} for a page reached by cursor
 * @param total matching events; exact up to 10 000, a lower bound beyond ({@link #totalIsLowerBound()})
 * @param nextCursor opaque cursor for the next page (cheaper than page numbers for deep paging);
 *     {@code null} on the last page
 */
public record AuditResultPage(List<AuditEventView> events, int page, int size, long total,
                              @Nullable String nextCursor) {

    public boolean hasNext() {
        if (nextCursor == null) {
            return false;
        }
        return page < 0 || ((long) (page + 1) * size < total && (long) (page + 2) * size <= AuditPager.MAX_RESULT_WINDOW);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean totalIsLowerBound() {
        return total >= AuditPager.MAX_RESULT_WINDOW;
    }

    /** Pages needed for {@link #total()} (at least 1), as far as page numbers reach. */
    public long pageCount() {
        long reachable = Math.min(total, AuditPager.MAX_RESULT_WINDOW);
        return Math.max(1, (reachable + size - 1) / size);
    }
}
