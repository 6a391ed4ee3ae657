package io.debuggate.gateway.auditapi;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.debuggate.audit.search.AuditEventView;
import io.debuggate.audit.search.AuditQuery;
import io.debuggate.audit.search.AuditSearch;
import io.debuggate.audit.store.AuditStoreResources;
import io.debuggate.audit.store.StoreConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Everything that happened to one session, in order: the request and its signatures (recorded
 * against the request id) and the session's own events (fetches, debugger commands, cuts), since
 * a session id is its request id. {@link AuditSearch#timeline} covers only the second half.
 */
@Component
public class SessionTimeline {

    private final ElasticsearchClient client;

    SessionTimeline(@Qualifier("auditorConnection") StoreConnection auditor) {
        this.client = auditor.client();
    }

    public List<AuditEventView> of(String sessionId) throws IOException {
        if (sessionId.isBlank() || sessionId.length() > 256) {
            throw new IllegalArgumentException("session id '" + sessionId + "' is blank or longer than 256 characters");
        }
        Query either = Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                .should(term("debuggate.session", sessionId))
                .should(term("debuggate.request", sessionId))));
        List<AuditEventView> events = new ArrayList<>();
        List<FieldValue> after = null;
        while (events.size() < AuditSearch.MAX_TIMELINE_EVENTS) {
            List<FieldValue> searchAfter = after;
            SearchResponse<JsonNode> response = client.search(s -> {
                s.index(AuditStoreResources.INDEX_PATTERN).query(either).size(AuditQuery.MAX_PAGE_SIZE)
                        .sort(asc("debuggate.chain.instance"), asc("event.sequence"));
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
            // a session that touched several gateway instances: interleave their chains by time
            events.sort(Comparator.comparing(AuditEventView::timestamp)
                    .thenComparing(AuditEventView::instance).thenComparingLong(AuditEventView::sequence));
        }
        return events;
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static SortOptions asc(String field) {
        return SortOptions.of(o -> o.field(f -> f.field(field).order(SortOrder.Asc)));
    }
}
