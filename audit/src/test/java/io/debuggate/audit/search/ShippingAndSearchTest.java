package io.debuggate.audit.search;

import static io.debuggate.audit.testsupport.AuditTestTrails.awaitShipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.event.AuditEventEncoder;
import io.debuggate.audit.testsupport.AuditTestTrails;
import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import io.debuggate.audit.store.StoreConnection;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Events recorded through the trail arrive in Elasticsearch and are found the ways auditors look. */
class ShippingAndSearchTest {

    private static final String INSTANCE = AuditTestTrails.uniqueInstance("search");
    private static ElasticsearchTestNode es;
    private static StoreConnection auditor;
    private static AuditSearch search;
    private static Instant before;
    private static Instant after;

    @BeforeAll
    static void recordAStory(@TempDir Path spool) throws Exception {
        es = ElasticsearchTestNode.shared();
        before = Instant.now().minusSeconds(1);
        try (StoreConnection writer = es.connect(es.writer());
                DurableAuditTrail trail = AuditTestTrails.open(INSTANCE, spool, writer)) {
            trail.record(AuditRecord.of(AuditActions.REQUEST_CREATED, AuditOutcome.SUCCESS, "alice-" + INSTANCE)
                    .request("r-" + INSTANCE).target("payment-svc/demo-0")
                    .reason("goroutine leak after deploy 4711").build());
            trail.record(AuditRecord.of(AuditActions.REQUEST_APPROVED, AuditOutcome.SUCCESS, "bob-" + INSTANCE)
                    .request("r-" + INSTANCE).build());
            trail.record(AuditRecord.of(AuditActions.SESSION_OPENED, AuditOutcome.SUCCESS, "alice-" + INSTANCE)
                    .session("s-" + INSTANCE).target("payment-svc/demo-0").build());
            for (int i = 0; i < 30; i++) {
                trail.record(AuditTestTrails.rpc("alice-" + INSTANCE, "s-" + INSTANCE, i));
            }
            trail.record(AuditRecord.of(AuditActions.DLV_RPC, AuditOutcome.DENIED, "alice-" + INSTANCE)
                    .session("s-" + INSTANCE).reason("method not allowed in production mode")
                    .detail("method", "RPCServer.Call").build());
            trail.record(AuditRecord.of(AuditActions.SESSION_CLOSED, AuditOutcome.SUCCESS, "alice-" + INSTANCE)
                    .session("s-" + INSTANCE).build());
            awaitShipped(trail, Duration.ofSeconds(60));
        }
        after = Instant.now().plusSeconds(1);
        es.refresh();
        auditor = es.connect(es.auditor());
        search = new AuditSearch(auditor);
    }

    @AfterAll
    static void close() {
        auditor.close();
    }

    private static AuditQuery.Builder mine() {
        return AuditQuery.builder().instance(INSTANCE);
    }

    @Test
    void findsByUserSessionTargetActionOutcomeAndTime() throws Exception {
        assertThat(search.search(mine().user("bob-" + INSTANCE).build()).events())
                .extracting(AuditEventView::action).containsExactly(AuditActions.REQUEST_APPROVED);
        assertThat(search.search(mine().session("s-" + INSTANCE).pageSize(100).build()).total()).isEqualTo(33);
        assertThat(search.search(mine().target("payment-svc/demo-0").pageSize(100).build()).total()).isEqualTo(32);
        assertThat(search.search(mine().action(AuditActions.SESSION_OPENED).build()).events()).hasSize(1);
        assertThat(search.search(mine().outcome(AuditOutcome.DENIED).build()).events())
                .singleElement().satisfies(e -> assertThat(e.reason()).contains("not allowed"));
        assertThat(search.search(mine().from(before).to(after).pageSize(100).build()).total()).isEqualTo(35);
        assertThat(search.search(mine().from(after).build()).total()).isZero();
    }

    @Test
    void findsFreeTextInReasonAndDetails() throws Exception {
        assertThat(search.search(mine().text("goroutine leak").build()).events())
                .extracting(AuditEventView::action).containsExactly(AuditActions.REQUEST_CREATED);
        assertThat(search.search(mine().text("RPCServer.Call").build()).events())
                .extracting(AuditEventView::outcome).containsExactly("denied");
    }

    @Test
    void pagesWithACursorWithoutLosingOrRepeatingEvents() throws Exception {
        AuditQuery query = mine().pageSize(7).build();
        List<Long> seen = new java.util.ArrayList<>();
        while (true) {
            AuditSearchPage page = search.search(query);
            page.events().forEach(e -> seen.add(e.sequence()));
            if (page.nextCursor() == null) {
                break;
            }
            query = query.next(page.nextCursor());
        }
        assertThat(seen).hasSize(35).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void aSessionTimelineIsInChainOrder() throws Exception {
        List<AuditEventView> timeline = search.timeline("s-" + INSTANCE);

        assertThat(timeline).hasSize(33);
        assertThat(timeline.getFirst().action()).isEqualTo(AuditActions.SESSION_OPENED);
        assertThat(timeline.getLast().action()).isEqualTo(AuditActions.SESSION_CLOSED);
        assertThat(timeline).extracting(AuditEventView::sequence).isSorted();
    }

    @Test
    void exportsJsonLinesThatStillHashAndCsvWithAHeader() throws Exception {
        StringWriter json = new StringWriter();
        search.forEach(mine().session("s-" + INSTANCE).build(), AuditExport.jsonLines(json));
        List<String> lines = json.toString().lines().toList();
        assertThat(lines).hasSize(33);
        JsonMapper mapper = JsonMapper.builder().build();
        for (String line : lines) {
            JsonNode event = mapper.readTree(line);
            assertThat(AuditEventEncoder.expectedHash(event))
                    .isEqualTo(event.path("debuggate").path("chain").path("hash").asString());
        }

        StringWriter csv = new StringWriter();
        search.forEach(mine().user("bob-" + INSTANCE).build(), AuditExport.csv(csv));
        assertThat(csv.toString().split("\r\n")).hasSize(2);
        assertThat(csv.toString()).startsWith(String.join(",", AuditExport.CSV_COLUMNS))
                .contains(INSTANCE + "-2,").contains("request.approved");
    }

    @Test
    void aDamagedCursorIsRefusedClearly() {
        assertThatThrownBy(() -> search.search(mine().cursor("%%%").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("search cursor '%%%' is damaged");
    }
}
