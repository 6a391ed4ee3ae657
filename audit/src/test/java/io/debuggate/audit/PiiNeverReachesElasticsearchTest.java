package io.debuggate.audit;

import static io.debuggate.audit.testsupport.AuditTestTrails.awaitShipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.store.AuditStoreResources;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.testsupport.AuditTestTrails;
import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import io.debuggate.audit.testsupport.PiiValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Customer data handed to the trail is masked before the spool; Elasticsearch never sees it. */
class PiiNeverReachesElasticsearchTest {

    private static final List<String> RAW = List.of(PiiValues.RESIDENT_ID, PiiValues.MOBILE, PiiValues.BANK_CARD,
            PiiValues.EMAIL);

    @TempDir
    Path spool;

    @Test
    void rawPiiIsFoundNeitherInTheSpoolNorInElasticsearch() throws Exception {
        ElasticsearchTestNode es = ElasticsearchTestNode.shared();
        String instance = AuditTestTrails.uniqueInstance("pii");
        try (StoreConnection writer = es.connect(es.writer());
                DurableAuditTrail trail = AuditTestTrails.open(instance, spool, writer)) {
            trail.record(AuditRecord.of(AuditActions.DLV_RPC, AuditOutcome.SUCCESS, "grace").session("s-pii")
                    .reason("customer " + PiiValues.EMAIL + " called from " + PiiValues.MOBILE)
                    .detail("expression", "customers[0]")
                    .detail("result", Map.of("IDCard", PiiValues.RESIDENT_ID, "Phone", PiiValues.MOBILE,
                            "Cards", List.of(PiiValues.BANK_CARD), "Raw", "{\"email\":\"" + PiiValues.EMAIL + "\"}"))
                    .detail("phoneAsNumber", Long.parseLong(PiiValues.MOBILE))
                    .build());
            awaitShipped(trail, Duration.ofSeconds(60));
        }
        es.refresh();

        try (Stream<Path> files = Files.list(spool)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                RAW.forEach(raw -> assertThat(bytes).as(file + " must not hold " + raw).doesNotContain(raw));
            }
        }
        JsonMapper json = JsonMapper.builder().build();
        StoreConnection admin = es.adminConnection();
        String stored = admin.send("GET", "/" + AuditStoreResources.INDEX_PATTERN
                + "/_search?size=100&q=debuggate.chain.instance:" + instance, null, null).bodyText();
        assertThat(stored).contains("\"total\":{\"value\":1");
        for (String raw : RAW) {
            assertThat(stored).as("stored document").doesNotContain(raw);
            ObjectNode query = json.createObjectNode();
            query.putObject("query").putObject("query_string").put("query", "\"" + raw + "\"").put("lenient", true);
            long hits = admin.json("POST", "/" + AuditStoreResources.INDEX_PATTERN + "/_count", query)
                    .path("count").asLong();
            assertThat(hits).as("documents matching " + raw).isZero();
        }
    }
}
