package io.debuggate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.ToolRunner;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole product, through real components only: tokens from the embedded issuer, the Flowable
 * approval process, the demo target (real Go test bed, real agent), the real {@code go tool pprof},
 * and the audit trail in a real Elasticsearch node.
 */
class WalkingSkeletonTest extends GatewayIntegrationTest {

    @Autowired
    DurableAuditTrail trail;

    @TempDir
    Path work;

    @Test
    void engineerRequestsTwoLeadsApproveEngineerProfilesHeapEveryStepIsAudited() throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();

        // Alice asks for a pprof session on the demo target.
        GatewayClient.Response created = gw.post("alice", "/api/requests", pprofRequest(List.of("heap", "goroutine")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();

        // Before any signature the session is closed.
        assertThat(gw.get("alice", "/api/sessions/" + id + "/pprof/heap").status()).isEqualTo(403);

        // Bob (dev lead) and Carol (ops lead) sign.
        assertThat(gw.post("bob", "/api/requests/" + id + "/approve", Map.of("comment", "ok")).status()).isEqualTo(200);
        GatewayClient.Response granted = gw.post("carol", "/api/requests/" + id + "/approve", Map.of("comment", "ok"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().get("state").asString()).isEqualTo("GRANTED");

        // Someone else cannot use Alice's session.
        assertThat(gw.get("bob", "/api/sessions/" + id + "/pprof/heap").status()).isEqualTo(403);

        // Alice fetches the heap profile through gateway and agent; the real pprof tool reads it.
        HttpResponse<InputStream> heap = gw.stream("alice", "/api/sessions/" + id + "/pprof/heap");
        assertThat(heap.statusCode()).isEqualTo(200);
        Path profile = work.resolve("heap.pb.gz");
        try (InputStream body = heap.body()) {
            Files.copy(body, profile);
        }
        ToolRunner.Result top = ToolRunner.run(work, List.of("go", "tool", "pprof", "-top", profile.toString()), 120);
        assertThat(top.exitCode()).as(top.output()).isZero();
        assertThat(top.output()).contains("flat").contains("Type: inuse_space");

        // Every step is in Elasticsearch.
        assertThat(trail.awaitShipped(Duration.ofSeconds(30))).isTrue();
        List<String> actions = actionsFor(id);
        assertThat(actions).contains("request.created", "request.approved", "pprof.fetch");
        assertThat(actions.stream().filter(a -> a.equals("pprof.fetch")).count())
                .as("denied, started and completed fetches are all recorded").isGreaterThanOrEqualTo(3);
    }

    private static List<String> actionsFor(String requestId) throws Exception {
        ElasticsearchTestNode es = ElasticsearchTestNode.shared();
        es.refresh();
        ObjectNode query = JsonMapper.builder().build().createObjectNode();
        query.put("size", 100);
        query.putObject("query").putObject("term").put("debuggate.request", requestId);
        JsonNode hits = es.adminConnection().json("POST", "/debuggate-audit-*/_search", query).path("hits").path("hits");
        List<String> actions = new ArrayList<>();
        hits.forEach(hit -> actions.add(hit.path("_source").path("event").path("action").asString()));
        return actions;
    }
}
