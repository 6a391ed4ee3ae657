package io.debuggate.gateway.auditapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The auditors' REST API with real tokens against the real Elasticsearch node: only auditors and
 * admins get in (and a refusal is itself recorded), criteria filter, pages do not overlap, a
 * session's timeline is in order, the chain verifies, exports stream.
 */
class AuditApiTest extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SHIPPED = Duration.ofSeconds(30);

    @Test
    void nonAuditorsAreRefusedWithTheRuleAndTheRefusalIsRecorded() throws Exception {
        GatewayClient gw = gateway();
        for (String path : List.of("/api/audit/events", "/api/audit/sessions/dr-0/timeline", "/api/audit/export",
                "/api/audit/instances")) {
            GatewayClient.Response refused = gw.get("alice", path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.json().get("rule").asString()).isEqualTo("auditors-only");
            assertThat(refused.json().get("detail").asString()).contains("alice").contains("auditors");
        }
        assertThat(gw.post("bob", "/api/audit/verify", Map.of()).status()).isEqualTo(403);
        assertThat(gw.get(null, "/api/audit/events").status()).as("no token").isEqualTo(401);
        assertThat(gw.get("admin", "/api/audit/events?size=1").status()).as("admins may audit").isEqualTo(200);

        JsonNode denials = awaitEvents(gw, "erin", "/api/audit/events?user=bob&action=access.denied&outcome=denied&q=verify", 1);
        assertThat(denials.get("events").get(0).get("reason").asString()).contains("verify the audit chain");
    }

    @Test
    void criteriaFilterAndPagesDoNotOverlap() throws Exception {
        GatewayClient gw = gateway();
        String marker = "probe" + UUID.randomUUID().toString().replace("-", "");
        for (int i = 0; i < 3; i++) {
            create(gw, "disk fills up " + marker + " run " + i);
        }
        String base = "/api/audit/events?action=request.created&q=" + marker;
        awaitEvents(gw, "erin", base, 3);

        JsonNode first = gw.get("erin", base + "&size=2&page=0").json();
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("events")).hasSize(2);
        assertThat(first.get("hasNext").asBoolean()).isTrue();
        assertThat(first.get("next").asString()).contains("page=1").contains("size=2").contains(marker);
        JsonNode second = gw.get("erin", first.get("next").asString()).json();
        assertThat(second.get("events")).hasSize(1);
        assertThat(second.get("hasNext").asBoolean()).isFalse();
        Set<String> ids = new HashSet<>();
        first.get("events").forEach(e -> ids.add(e.get("eventId").asString()));
        second.get("events").forEach(e -> ids.add(e.get("eventId").asString()));
        assertThat(ids).as("three different events over two pages").hasSize(3);
        Instant newest = Instant.parse(first.get("events").get(0).get("timestamp").asString());
        Instant oldest = Instant.parse(second.get("events").get(0).get("timestamp").asString());
        assertThat(newest).as("newest first").isAfterOrEqualTo(oldest);

        JsonNode byCursor = gw.get("erin", base + "&size=2&cursor=" + first.get("nextCursor").asString()).json();
        assertThat(byCursor.get("events").get(0).get("eventId").asString())
                .isEqualTo(second.get("events").get(0).get("eventId").asString());

        assertThat(count(gw, base + "&user=alice")).isEqualTo(3);
        assertThat(count(gw, base + "&user=bob")).isZero();
        assertThat(count(gw, base + "&outcome=success&target=payment-svc/demo-0")).isEqualTo(3);
        assertThat(count(gw, base + "&outcome=denied")).isZero();
        assertThat(count(gw, base + "&to=2000-01-01")).as("a range before everything").isZero();
        assertThat(count(gw, base + "&from=" + Instant.now().minusSeconds(3600))).isEqualTo(3);

        GatewayClient.Response bad = gw.get("erin", base + "&outcome=maybe");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("outcome").contains("denied");
        GatewayClient.Response badTime = gw.get("erin", base + "&from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("detail").asString()).contains("2026-01-01T10:00:00Z");
        assertThat(gw.get("erin", base + "&size=5000").status()).isEqualTo(400);
    }

    @Test
    void aTimelineHoldsTheRequestItsSignaturesAndItsFetchesInOrder() throws Exception {
        awaitDemoTarget();
        GatewayClient gw = gateway();
        String id = grantedSession(gw, List.of("heap"));
        HttpResponse<InputStream> heap = gw.stream("alice", "/api/sessions/" + id + "/pprof/heap");
        try (InputStream body = heap.body()) {
            assertThat(heap.statusCode()).isEqualTo(200);
            assertThat(body.readAllBytes()).isNotEmpty();
        }

        JsonNode timeline = Awaitility.await("the session's events reach the store").atMost(SHIPPED)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> gw.get("dave", "/api/audit/sessions/" + id + "/timeline").json(),
                        t -> actions(t).contains("pprof.fetch") && actions(t).contains("request.approved"));
        assertThat(actions(timeline)).containsSubsequence("request.created", "request.signed", "request.signed",
                "request.approved", "pprof.fetch");
        long previous = 0;
        for (JsonNode event : timeline.get("events")) {
            assertThat(event.get("sequence").asLong()).as("chain order").isGreaterThan(previous);
            previous = event.get("sequence").asLong();
        }
    }

    @Test
    void theChainVerifiesAndRangesAreChecked() throws Exception {
        GatewayClient gw = gateway();
        create(gw, "something to verify " + UUID.randomUUID());
        JsonNode report = Awaitility.await("the chain verifies to its shipped head").atMost(SHIPPED)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> gw.post("erin", "/api/audit/verify", Map.of()).json(), r -> r.get("intact").asBoolean());
        assertThat(report.get("checkedEvents").asLong()).isPositive();
        assertThat(report.get("summary").asString()).startsWith("INTACT");
        assertThat(report.get("firstBreak").isNull()).isTrue();

        JsonNode range = gw.post("erin", "/api/audit/verify?from=1&to=2", Map.of()).json();
        assertThat(range.get("intact").asBoolean()).isTrue();
        assertThat(range.get("checkedEvents").asLong()).isEqualTo(2);
        assertThat(range.get("toSequence").asLong()).isEqualTo(2);

        GatewayClient.Response empty = gw.post("erin", "/api/audit/verify?from=5&to=2", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(gw.get("erin", "/api/audit/instances").json().get(0).asString())
                .isEqualTo(report.get("instance").asString());
    }

    @Test
    void exportsStreamJsonLinesAndCsv() throws Exception {
        GatewayClient gw = gateway();
        String marker = "export" + UUID.randomUUID().toString().replace("-", "");
        create(gw, "export me " + marker + " please");
        create(gw, "and me too " + marker);
        awaitEvents(gw, "erin", "/api/audit/events?action=request.created&q=" + marker, 2);

        HttpResponse<InputStream> ndjson = gw.stream("erin", "/api/audit/export?action=request.created&q=" + marker);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        assertThat(ndjson.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment").contains(".ndjson");
        List<String> lines = new String(ndjson.body().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.get("event").get("action").asString()).isEqualTo("request.created");
            assertThat(event.get("debuggate").get("chain").get("hash").asString()).hasSize(64);
        }

        HttpResponse<InputStream> csv = gw.stream("erin", "/api/audit/export?format=csv&action=request.created&q=" + marker);
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> rows = new String(csv.body().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(rows.getFirst()).startsWith("timestamp,event_id,instance,sequence,action");
        assertThat(rows).hasSize(3);
        assertThat(gw.get("erin", "/api/audit/export?format=xml").status()).isEqualTo(400);
    }

    @Test
    void theApiIsDocumented() throws Exception {
        String spec = gateway().get(null, "/v3/api-docs").body();
        assertThat(spec).contains("/api/audit/events").contains("/api/audit/sessions/{id}/timeline")
                .contains("/api/audit/verify").contains("/api/audit/export");
    }

    private String create(GatewayClient gw, String reason) throws Exception {
        Map<String, Object> request = new HashMap<>(pprofRequest(List.of("heap")));
        request.put("reason", reason);
        GatewayClient.Response created = gw.post("alice", "/api/requests", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static JsonNode awaitEvents(GatewayClient gw, String user, String path, int atLeast) {
        return Awaitility.await(path + " finds " + atLeast + " events").atMost(SHIPPED)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> gw.get(user, path).json(), page -> page.get("events").size() >= atLeast);
    }

    private static long count(GatewayClient gw, String path) throws Exception {
        GatewayClient.Response response = gw.get("erin", path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json().get("total").asLong();
    }

    private static List<String> actions(JsonNode timeline) {
        return timeline.get("events").valueStream().map(e -> e.get("action").asString()).toList();
    }
}
