package io.debuggate.audit.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.debuggate.audit.store.AuditStoreResources;
import io.debuggate.audit.store.StoreConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Searches the audit indices for auditors. Who may search is the gateway's decision (auditor and
 * admin roles); this class only needs a connection with read rights.
 */
public final class AuditSearch {

    /** Upper bound on a session timeline, so one request cannot pull the whole store into memory. */
    public static final int MAX_TIMELINE_EVENTS = 50_000;

    private final ElasticsearchClient client;
    private final String indexPattern;

    public AuditSearch(StoreConnection reader) {
        this(reader.client(), AuditStoreResources.INDEX_PATTERN);
    }

    public AuditSearch(ElasticsearchClient client, String indexPattern) {
        this.client = client;
        this.indexPattern = indexPattern;
    }

    public AuditSearchPage search(AuditQuery query) throws IOException {
        SortOrder order = query.oldestFirst() ? SortOrder.Asc : SortOrder.Desc;
        SearchResponse<JsonNode> response = client.search(s -> {
            s.index(indexPattern)
                    .query(toQuery(query))
                    .size(query.pageSize())
                    .trackTotalHits(t -> t.count(10_000))
                    .sort(sort("@timestamp", order), sort("debuggate.chain.instance", order),
                            sort("event.sequence", order));
            if (query.cursor() != null) {
                s.searchAfter(decodeCursor(query.cursor()));
            }
            return s;
        }, JsonNode.class);
        List<AuditEventView> events = new ArrayList<>();
        for (Hit<JsonNode> hit : response.hits().hits()) {
            events.add(AuditEventView.of(hit.source()));
        }
        String next = null;
        if (events.size() == query.pageSize()) {
            next = encodeCursor(response.hits().hits().getLast().sort());
        }
        long total = response.hits().total() == null ? events.size() : response.hits().total().value();
        return new AuditSearchPage(events, total, next);
    }

    /** Every match, page by page, oldest first (for exports). */
    public void forEach(AuditQuery query, Consumer<AuditEventView> sink) throws IOException {
        AuditQuery page = new AuditQuery(query.user(), query.session(), query.target(), query.action(),
                query.outcome(), query.from(), query.to(), query.text(), query.instance(), true,
                AuditQuery.MAX_PAGE_SIZE, null);
        while (true) {
            AuditSearchPage result = search(page);
            result.events().forEach(sink);
            if (result.nextCursor() == null) {
                return;
            }
            page = page.next(result.nextCursor());
        }
    }

    /** A session's events in chain order (instance, then sequence). */
    public List<AuditEventView> timeline(String sessionId) throws IOException {
        List<AuditEventView> events = new ArrayList<>();
        List<FieldValue> after = null;
        while (events.size() < MAX_TIMELINE_EVENTS) {
            List<FieldValue> searchAfter = after;
            SearchResponse<JsonNode> response = client.search(s -> {
                s.index(indexPattern)
                        .query(q -> q.bool(b -> b.filter(term("debuggate.session", sessionId))))
                        .size(AuditQuery.MAX_PAGE_SIZE)
                        .sort(sort("debuggate.chain.instance", SortOrder.Asc), sort("event.sequence", SortOrder.Asc));
                if (searchAfter != null) {
                    s.searchAfter(searchAfter);
                }
                return s;
            }, JsonNode.class);
            List<Hit<JsonNode>> hits = response.hits().hits();
            hits.forEach(hit -> events.add(AuditEventView.of(hit.source())));
            if (hits.size() < AuditQuery.MAX_PAGE_SIZE) {
                break;
            }
            after = hits.getLast().sort();
        }
        if (events.stream().map(AuditEventView::instance).distinct().count() > 1) {
            // a session that moved between gateway instances: interleave the chains by time
            events.sort(java.util.Comparator.comparing(AuditEventView::timestamp)
                    .thenComparing(AuditEventView::instance).thenComparingLong(AuditEventView::sequence));
        }
        return events;
    }

    static Query toQuery(AuditQuery query) {
        List<Query> filters = new ArrayList<>();
        addTerm(filters, "user.name", query.user());
        addTerm(filters, "debuggate.session", query.session());
        addTerm(filters, "debuggate.target", query.target());
        addTerm(filters, "event.action", query.action());
        addTerm(filters, "debuggate.chain.instance", query.instance());
        if (query.outcome() != null) {
            addTerm(filters, "event.outcome", query.outcome().name().toLowerCase(Locale.ROOT));
        }
        if (query.from() != null || query.to() != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("@timestamp");
                if (query.from() != null) {
                    d.gte(query.from().toString());
                }
                if (query.to() != null) {
                    d.lt(query.to().toString());
                }
                return d;
            }))));
        }
        List<Query> must = new ArrayList<>();
        if (query.text() != null && !query.text().isBlank()) {
            must.add(Query.of(q -> q.simpleQueryString(s -> s.query(query.text())
                    .fields("message", "debuggate.reason", "debuggate.details"))));
        }
        return Query.of(q -> q.bool(b -> b.filter(filters).must(must)));
    }

    private static void addTerm(List<Query> filters, String field, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            filters.add(term(field, value));
        }
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static SortOptions sort(String field, SortOrder order) {
        return SortOptions.of(o -> o.field(f -> f.field(field).order(order)));
    }

    static String encodeCursor(List<FieldValue> sortValues) {
        StringBuilder text = new StringBuilder();
        for (FieldValue value : sortValues) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(value.isLong() ? "L" + value.longValue() : "S" + value._get());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static List<FieldValue> decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<FieldValue> values = new ArrayList<>();
            for (String part : text.split("\n", -1)) {
                values.add(part.charAt(0) == 'L' ? FieldValue.of(Long.parseLong(part.substring(1)))
                        : FieldValue.of(part.substring(1)));
            }
            return values;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("search cursor '" + cursor + "' is damaged: start the search again"
                    + " without a cursor", e);
        }
    }
}
