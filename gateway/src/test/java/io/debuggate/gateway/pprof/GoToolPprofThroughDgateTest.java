package io.debuggate.gateway.pprof;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.cli.config.GatewayAddress;
import io.debuggate.cli.connect.ConnectSession;
import io.debuggate.cli.connect.SessionRoutes;
import io.debuggate.cli.connect.Tool;
import io.debuggate.gateway.demo.DemoTargetLauncher;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.PprofTestSessions;
import io.debuggate.gateway.support.ToolRunner;
import io.debuggate.gateway.tunnel.TunnelTestSessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The real {@code go tool pprof}, unchanged, through the real {@code dgate connect} port, the
 * gateway, the agent and the Go test bed: heap, goroutine, CPU, block and mutex profiles are read,
 * and every fetch is in the audit trail in Elasticsearch with the sha256 of what the client got.
 */
class GoToolPprofThroughDgateTest extends GatewayIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Profile → a line {@code go tool pprof} must print for it (a test bed function, or the profile type). */
    private static final Map<String, List<String>> PROFILES = Map.of(
            "heap", List.of("-sample_index=alloc_space", "main.bulkHandler"),
            "goroutine", List.of("-sample_index=goroutine", "main.settle"),
            "profile?seconds=2", List.of("-sample_index=cpu", "main.burn"),
            "block", List.of("-sample_index=delay", "main.contend"),
            "mutex", List.of("-sample_index=delay", "main.contend"));

    @Autowired
    DemoTargetLauncher demo;

    @Autowired
    DurableAuditTrail trail;

    @TempDir
    Path work;

    @Test
    void goToolPprofReadsEveryProfileAndEachFetchIsAuditedWithTheBytesSha256() throws Exception {
        awaitDemoTarget();
        DemoTarget target = demo.current().orElseThrow();
        URI testBed = target.testBedBaseUri();
        // Something to see: lock contention, CPU burn, parked goroutines.
        testBed(testBed, "/admin/contend?on=1");
        testBed(testBed, "/admin/cpu?percent=60&seconds=20");
        // the first fetch may be block or mutex: wait until the runtime has recorded the contention (read directly)
        URI mutex = target.testBedPprofUri().resolve("/debug/pprof/mutex?debug=1");
        Awaitility.await("the test bed's mutex profile shows main.contend").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> HTTP.send(HttpRequest.newBuilder(mutex).build(), HttpResponse.BodyHandlers.ofString()).body()
                        .contains("main.contend"));
        GatewayClient gw = gateway();
        String session = PprofTestSessions.granted(gw, List.of("heap", "goroutine", "profile", "block", "mutex"));
        List<String> rawSha256 = new ArrayList<>();
        try (ConnectSession tunnel = ConnectSession.open(Map.of(Tool.PPROF, 0), HTTP,
                new SessionRoutes(GatewayAddress.parse("http://127.0.0.1:" + port), session),
                TunnelTestSessions.tokens(gw, "alice"), e -> { })) {
            String base = "http://127.0.0.1:" + tunnel.endpoints().getFirst().port() + "/debug/pprof/";
            for (Map.Entry<String, List<String>> profile : PROFILES.entrySet()) {
                // -nodefraction=0: in a long-lived test bed the settlement workers' select dominates the block
                // profile, and pprof's default drops nodes under 0.5 % of the total, main.contend among them
                ToolRunner.Result top = ToolRunner.run(work, List.of("go", "tool", "pprof", "-top", "-nodecount=1000",
                        "-nodefraction=0", profile.getValue().getFirst(), base + profile.getKey()), 120);
                assertThat(top.exitCode()).as(top.output()).isZero();
                assertThat(top.output()).as("go tool pprof %s:%n%s", profile.getKey(), top.output())
                        .contains("Fetching profile over HTTP from " + base + profile.getKey())
                        .contains(profile.getValue().get(1));
                // The same profile as raw bytes through the same port: the audit record must hash exactly these.
                HttpResponse<byte[]> raw = HTTP.send(HttpRequest.newBuilder(URI.create(base + profile.getKey())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(raw.statusCode()).isEqualTo(200);
                assertThat(raw.body()[0] & 0xff).as("gzip, a binary profile").isEqualTo(0x1f);
                rawSha256.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.body())));
            }
        } finally {
            testBed(testBed, "/admin/contend?on=0");
            testBed(testBed, "/admin/cpu?on=0");
        }

        assertThat(trail.awaitShipped(Duration.ofSeconds(30))).isTrue();
        int fetches = PROFILES.size() * 2;
        List<JsonNode> completed = Awaitility.await("every fetch is in Elasticsearch").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> PprofTestSessions.completedFetches(session), events -> events.size() >= fetches);
        assertThat(completed).as("one completed event per fetch (go tool pprof and raw)").hasSize(fetches);
        assertThat(PprofTestSessions.fetches(session, "started")).hasSize(fetches);
        List<String> audited = completed.stream().map(e -> e.path("debuggate").path("details").path("sha256").asString()).toList();
        assertThat(audited).as("the audit trail holds the sha256 of the bytes the client received").containsAll(rawSha256);
        for (JsonNode event : completed) {
            JsonNode details = event.path("debuggate").path("details");
            assertThat(event.path("event").path("outcome").asString()).isEqualTo("success");
            assertThat(details.path("bytes").asLong()).isPositive();
            assertThat(details.path("masked").asBoolean()).isFalse();
            assertThat(event.path("user").path("name").asString()).isEqualTo("alice");
        }
    }

    private static void testBed(URI testBed, String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(testBed.resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
    }
}
