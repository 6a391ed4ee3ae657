package io.debuggate.gateway.auditapi;

import io.debuggate.audit.search.AuditQuery;
import io.debuggate.audit.search.AuditSearch;
import io.debuggate.audit.search.AuditSearchPage;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Page numbers over {@link AuditSearch}'s cursors. Elasticsearch pages by "search after the last
 * hit"; people and simple clients want "page 3". Page {@code n} is reached by skipping
 * {@code n * size} hits in cursor steps of up to 1000, so deep pages cost a few extra searches and
 * stop at the store's 10 000-hit window; clients that walk far follow {@code nextCursor} instead.
 */
@Component
public class AuditPager {

    /** How far page numbers reach: Elasticsearch's default {@code index.max_result_window}. */
    public static final int MAX_RESULT_WINDOW = 10_000;

    private final AuditSearch search;

    AuditPager(AuditSearch search) {
        this.search = search;
    }

    public AuditResultPage page(AuditCriteria criteria, int page, int size) throws IOException {
        checkSize(size);
        if (page < 0) {
            throw new IllegalArgumentException("'page' is " + page + "; pages count from 0");
        }
        if ((long) page * size + size > MAX_RESULT_WINDOW) {
            throw new IllegalArgumentException("page " + page + " of size " + size + " reaches past the first "
                    + MAX_RESULT_WINDOW + " results; narrow the search (time range, user, action) or follow nextCursor");
        }
        AuditQuery base = criteria.toQuery().pageSize(size).build();
        String cursor = null;
        long skip = (long) page * size;
        while (skip > 0) {
            int step = (int) Math.min(skip, AuditQuery.MAX_PAGE_SIZE);
            AuditSearchPage skipped = search.search(sized(base, step, cursor));
            if (skipped.nextCursor() == null) {
                return new AuditResultPage(List.of(), page, size, skipped.total(), null);
            }
            cursor = skipped.nextCursor();
            skip -= step;
        }
        AuditSearchPage result = search.search(sized(base, size, cursor));
        return new AuditResultPage(result.events(), page, size, result.total(), result.nextCursor());
    }

    /** The page after {@code cursor}; its page number is unknown, so it is reported as {@code -1}. */
    public AuditResultPage after(AuditCriteria criteria, String cursor, int size) throws IOException {
        checkSize(size);
        AuditSearchPage result = search.search(criteria.toQuery().pageSize(size).cursor(cursor).build());
        return new AuditResultPage(result.events(), -1, size, result.total(), result.nextCursor());
    }

    private static AuditQuery sized(AuditQuery q, int size, @Nullable String cursor) {
        return new AuditQuery(q.user(), q.session(), q.target(), q.action(), q.outcome(), q.from(), q.to(), q.text(),
                q.instance(), q.oldestFirst(), size, cursor);
    }

    private static void checkSize(int size) {
        if (size < 1 || size > AuditQuery.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("'size' is " + size + "; give 1 to " + AuditQuery.MAX_PAGE_SIZE);
        }
    }
}
