package io.debuggate.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.debuggate.agent.target.ProcStatus;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import io.debuggate.gateway.agents.AgentConnections;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.RawTunnelClient;
import io.debuggate.gateway.targets.Target;
import io.debuggate.gateway.tunnel.TunnelTestSessions;
import io.debuggate.policies.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The health breakers against the real demo target (Go test bed under its real agent): the CPU
 * burner trips the CPU breaker, 10 % 5xx trips the 5xx breaker while a quiet service and 3 % do
 * not; each trip is published within 500 ms of its crossing sample, audited with its samples in
 * Elasticsearch and sent to a real local webhook receiver; the target refuses sessions until it
 * has been calm, then only newly approved ones. The policy is the shipped one with the windows
 * shortened (CPU 3 s, 5xx window 10 s, calm 10 s); the 15 s default is covered with a fake clock
 * in {@link HealthBreakerScenarioTest}.
 */
@Import(HealthBreakerIntegrationTest.SeenEvents.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthBreakerIntegrationTest extends GatewayIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<String> WEBHOOK = new CopyOnWriteArrayList<>();
    static final List<String> SLACK = new CopyOnWriteArrayList<>();
    static final HttpServer RECEIVER = receiver();

    @DynamicPropertySource
    static void healthProperties(DynamicPropertyRegistry registry) {
        registry.add("debuggate.policy.file", HealthBreakerIntegrationTest::fastPolicy);
        // The burner's percentages are of one core: judge the demo target against one core.
        registry.add("debuggate.health.targets[0].target", () -> "payment-svc/demo-0");
        registry.add("debuggate.health.targets[0].cpu-cores", () -> "1");
        String base = "http://127.0.0.1:" + RECEIVER.getAddress().getPort();
        registry.add("debuggate.alerting.sinks[0].name", () -> "test-generic");
        registry.add("debuggate.alerting.sinks[0].format", () -> "GENERIC");
        registry.add("debuggate.alerting.sinks[0].url", () -> base + "/generic");
        registry.add("debuggate.alerting.sinks[1].name", () -> "test-slack");
        registry.add("debuggate.alerting.sinks[1].format", () -> "SLACK");
        registry.add("debuggate.alerting.sinks[1].url", () -> base + "/slack");
    }

    @Autowired
    SeenEvents seen;
    @Autowired
    TargetHealthGate gate;
    @Autowired
    TargetHealthEndpoints endpoints;
    @Autowired
    AgentConnections agents;
    @Autowired
    DurableAuditTrail trail;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop(0);
    }

    @Test
    @Order(1)
    void theCpuBurnerTripsTheCpuBreakerAndTheTargetReopensOnlyToNewApprovals() throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();
        awaitBreaker("cpu", BreakerState.CLOSED, Duration.ofSeconds(30));
        String before = grantedSession(gw, List.of("heap"));
        assertThat(gw.get("alice", "/api/sessions/" + before + "/pprof/heap").status()).isEqualTo(200);

        // An engineer is debugging when the service starts to suffer.
        String debugging = TunnelTestSessions.grantedDelveSession(gw, "snapshot");
        RawTunnelClient dlv = RawTunnelClient.open(port, debugging, gw.token("alice"));
        dlv.send("{\"method\":\"RPCServer.GetVersion\",\"params\":[{}],\"id\":1}");
        assertThat(dlv.awaitReplyTo("1", Duration.ofSeconds(20))).contains("DelveVersion");

        // The burner: two busy workers, more than one core whatever else runs on this machine.
        testBed("/admin/cpu?percent=200&on=1");
        Instant burning = Instant.now();
        TargetBreakerTripped trip;
        try {
            trip = awaitTrip("cpu", Duration.ofSeconds(40));
        } finally {
            testBed("/admin/cpu?on=0");
        }
        Seen seenTrip = seen.first(TargetBreakerTripped.class, "cpu");
        System.out.println("cpu breaker tripped " + Duration.between(burning, seenTrip.at()).toMillis()
                + " ms after the burner started");

        // The samples that caused it; the event followed the crossing sample within 500 ms.
        assertThat(trip.target()).isEqualTo("payment-svc/demo-0");
        assertThat(trip.samples()).hasSize(3).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(SampleStatus.BREACH);
            assertThat(s.value()).isGreaterThan(0.70);
            assertThat(s.source()).isEqualTo("agent");
        });
        Duration latency = Duration.between(trip.samples().getLast().at(), seenTrip.at());
        System.out.println("trip latency (crossing sample -> TargetBreakerTripped received): " + latency.toMillis() + " ms");
        assertThat(latency).isLessThanOrEqualTo(Duration.ofMillis(500));

        // The live debug session was cut, with the reason, within 500 ms of the crossing sample.
        assertThat(dlv.awaitClose(Duration.ofSeconds(5))).startsWith("1008").contains("health breaker 'cpu' tripped");
        Duration cut = Duration.between(trip.samples().getLast().at(), dlv.closedAt());
        System.out.println("trip to cut (crossing sample -> client saw the close): " + cut.toMillis() + " ms");
        assertThat(cut).isLessThanOrEqualTo(Duration.ofMillis(500));
        dlv.close();

        // Closed to everyone, saying which breaker and when it may reopen.
        GatewayClient.Response refused = gw.get("alice", "/api/sessions/" + before + "/pprof/heap");
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.json().path("rule").asString()).isEqualTo("health-breaker-open");
        assertThat(refused.json().path("detail").asString()).contains("health breaker 'cpu' tripped at", "at the earliest");
        assertThat(gate.refusalReason("payment-svc", "demo-0")).isPresent();
        JsonNode cpu = breakerInApi(gw, "cpu");
        assertThat(cpu.path("state").asString()).isEqualTo("OPEN");
        assertThat(cpu.path("earliestReopen").isMissingNode() || cpu.path("earliestReopen").isNull()).isFalse();
        assertThat(prometheus()).anyMatch(l -> l.startsWith("debuggate_health_breaker_state{")
                && l.contains("signal=\"cpu\"") && l.contains("state=\"open\"") && l.contains("target=\"payment-svc/demo-0\"")
                && l.endsWith(" 1.0"));
        // Resilience4j's own meters, for the health breaker and the pprof route's upstream breaker alike.
        assertThat(prometheus()).anyMatch(l -> l.startsWith("resilience4j_circuitbreaker_state{")
                && l.contains("name=\"health:payment-svc/demo-0:cpu\"") && l.contains("state=\"open\"") && l.endsWith(" 1.0"));
        assertThat(prometheus()).anyMatch(l -> l.startsWith("resilience4j_circuitbreaker_state{")
                && l.contains("name=\"pprof-upstream:payment-svc/demo-0\"") && l.contains("state=\"closed\"") && l.endsWith(" 1.0"));

        // Alerted once on each sink, audited with the samples, and the service is untouched.
        Awaitility.await("the webhook receiver gets the alert").atMost(Duration.ofSeconds(20))
                .until(() -> WEBHOOK.stream().anyMatch(b -> b.contains("\"signal\":\"cpu\"")) && !SLACK.isEmpty());
        assertThat(WEBHOOK.stream().filter(b -> b.contains("\"signal\":\"cpu\""))).hasSize(1);
        JsonNode alert = JSON.readTree(WEBHOOK.stream().filter(b -> b.contains("\"signal\":\"cpu\"")).findFirst().orElseThrow());
        assertThat(alert.path("kind").asString()).isEqualTo("health.breaker.opened");
        assertThat(alert.path("fields").path("samples").size()).isEqualTo(3);
        assertThat(JSON.readTree(SLACK.getFirst()).path("text").asString()).contains("payment-svc/demo-0", "cpu above 0.700");
        JsonNode audited = auditEvent("health.breaker.opened", "cpu");
        assertThat(audited.path("debuggate").path("reason").asString()).contains("cpu above 0.700 in every sample for 3s");
        assertThat(testBedAnswers()).isTrue();
        assertThat(testBedTraced()).isFalse();

        // Calm for 10 s: newly approved sessions only.
        awaitBreaker("cpu", BreakerState.HALF_OPEN, Duration.ofSeconds(60));
        assertThat(seen.first(TargetBreakerRecovered.class, "cpu")).isNotNull();
        GatewayClient.Response stale = gw.get("alice", "/api/sessions/" + before + "/pprof/heap");
        assertThat(stale.status()).as(stale.body()).isEqualTo(403);
        assertThat(stale.json().path("rule").asString()).isEqualTo("approved-before-trip");
        String after = grantedSession(gw, List.of("heap"));
        assertThat(gw.get("alice", "/api/sessions/" + after + "/pprof/heap").status()).isEqualTo(200);
        awaitBreaker("cpu", BreakerState.CLOSED, Duration.ofSeconds(30));
        assertThat(gw.get("alice", "/api/sessions/" + before + "/pprof/heap").status()).as("a trip voids an approval for good")
                .isEqualTo(403);
    }

    @Test
    @Order(2)
    void tenPercent5xxTripsTheErrorBreakerWhileAQuietServiceAndThreePercentDoNot() throws Exception {
        awaitDemoTarget();
        awaitBreaker("http-5xx", BreakerState.CLOSED, Duration.ofSeconds(30));

        // A quiet service: 1 failing request of 2 (plus the two switch calls) is under the minimum volume.
        testBed("/admin/errors?rate=1");
        assertThat(testBedStatus("/pay?customer=1&amount=100")).isEqualTo(500);
        testBed("/admin/errors?rate=0");
        assertThat(testBedStatus("/pay?customer=1&amount=100")).isEqualTo(200);
        Thread.sleep(12_000);
        assertThat(breaker("http-5xx").state()).isEqualTo(BreakerState.CLOSED);

        // 3 % of about 100 requests a second for 12 s: below 5 %, no trip.
        testBed("/admin/errors?rate=0.03");
        drivePayments(Duration.ofSeconds(12), 100);
        assertThat(breaker("http-5xx").state()).isEqualTo(BreakerState.CLOSED);
        assertThat(seen.all(TargetBreakerTripped.class, "http-5xx")).isEmpty();

        // 10 %: trips.
        testBed("/admin/errors?rate=0.10");
        try {
            drivePayments(Duration.ofSeconds(20), 100, () -> !seen.all(TargetBreakerTripped.class, "http-5xx").isEmpty());
        } finally {
            testBed("/admin/errors?rate=0");
        }
        TargetBreakerTripped trip = awaitTrip("http-5xx", Duration.ofSeconds(5));
        Seen seenTrip = seen.first(TargetBreakerTripped.class, "http-5xx");
        HealthSample crossing = trip.samples().getLast();
        assertThat(crossing.status()).isEqualTo(SampleStatus.BREACH);
        assertThat(crossing.value()).isGreaterThanOrEqualTo(0.05);
        assertThat(crossing.source()).isEqualTo("scrape");
        assertThat(Duration.between(crossing.at(), seenTrip.at())).isLessThanOrEqualTo(Duration.ofMillis(500));
        Awaitility.await("the webhook receiver gets the 5xx alert").atMost(Duration.ofSeconds(20))
                .until(() -> WEBHOOK.stream().anyMatch(b -> b.contains("\"signal\":\"http-5xx\"")));
        assertThat(WEBHOOK.stream().filter(b -> b.contains("\"signal\":\"http-5xx\""))).hasSize(1);
        assertThat(auditEvent("health.breaker.opened", "http-5xx").path("debuggate").path("reason").asString())
                .contains("http-5xx ratio", ">= 0.050 over the last 10s");
        assertThat(testBedAnswers()).isTrue();
        assertThat(testBedTraced()).isFalse();
        awaitBreaker("http-5xx", BreakerState.HALF_OPEN, Duration.ofSeconds(60));
    }

    @Test
    @Order(3)
    void pprofUpstreamFailuresOpenTheGatewaysCircuitBreakerAndTheFallbackSaysWhatHappened() throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();
        try (FakeAgent agent = new FakeAgent()) {
            targets.register(new Target("payment-svc", "broken-0", "agent-broken", agent.base()));
            String session = grantedSession(gw, "broken-0");
            // The agent is healthy enough for the health breakers, but its pprof path fails: 502 with the agent's reason.
            GatewayClient.Response failed = gw.get("alice", "/api/sessions/" + session + "/pprof/heap");
            assertThat(failed.status()).as(failed.body()).isEqualTo(502);
            assertThat(failed.json().path("rule").asString()).isEqualTo("pprof-upstream-failed");
            assertThat(failed.json().path("detail").asString()).contains("agent for payment-svc/broken-0 failed",
                    "circuit breaker for payment-svc/broken-0 counted this failure");
            for (int i = 0; i < 4; i++) {
                gw.get("alice", "/api/sessions/" + session + "/pprof/heap");
            }
            int calls = agent.pprofCalls();
            GatewayClient.Response paused = gw.get("alice", "/api/sessions/" + session + "/pprof/heap");
            assertThat(paused.status()).as(paused.body()).isEqualTo(503);
            assertThat(paused.json().path("rule").asString()).isEqualTo("pprof-upstream-breaker-open");
            assertThat(paused.json().path("detail").asString()).contains("pprof is paused for payment-svc/broken-0");
            assertThat(agent.pprofCalls()).as("an open breaker does not call the agent").isEqualTo(calls);
            // Other targets are not affected, and a long CPU profile is not cut by a time limit.
            String demo = grantedSession(gw, List.of("profile"));
            GatewayClient.Response profile = gw.get("alice", "/api/sessions/" + demo + "/pprof/profile?seconds=2");
            assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        } finally {
            targets.unregister("payment-svc/broken-0");
        }
    }

    // ---- helpers ----

    private TargetBreakerTripped awaitTrip(String signal, Duration atMost) {
        Awaitility.await("the " + signal + " breaker trips").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> !seen.all(TargetBreakerTripped.class, signal).isEmpty());
        return (TargetBreakerTripped) seen.first(TargetBreakerTripped.class, signal).event();
    }

    private void awaitBreaker(String signal, BreakerState state, Duration atMost) {
        Awaitility.await("the " + signal + " breaker of payment-svc/demo-0 is " + state).atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> breakerOrNull(signal) != null && breakerOrNull(signal).state() == state);
    }

    @Autowired
    HealthBreakers breakers;

    private BreakerView breaker(String signal) {
        BreakerView v = breakerOrNull(signal);
        assertThat(v).as("breaker " + signal).isNotNull();
        return v;
    }

    private BreakerView breakerOrNull(String signal) {
        return breakers.views("payment-svc", "demo-0").stream().filter(v -> v.signal().equals(signal)).findFirst().orElse(null);
    }

    private JsonNode breakerInApi(GatewayClient gw, String signal) throws Exception {
        for (JsonNode t : gw.get("alice", "/api/targets").json()) {
            if (t.path("name").asString().equals("payment-svc/demo-0")) {
                for (JsonNode b : t.path("breakers")) {
                    if (b.path("signal").asString().equals(signal)) {
                        return b;
                    }
                }
            }
        }
        throw new AssertionError("no " + signal + " breaker for payment-svc/demo-0 in GET /api/targets");
    }

    private List<String> prometheus() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body().lines().toList();
    }

    private JsonNode auditEvent(String action, String signal) throws Exception {
        assertThat(trail.awaitShipped(Duration.ofSeconds(30))).isTrue();
        ElasticsearchTestNode es = ElasticsearchTestNode.shared();
        es.refresh();
        ObjectNode query = JSON.createObjectNode();
        query.put("size", 50);
        query.putObject("query").putObject("term").put("event.action", action);
        for (JsonNode hit : es.adminConnection().json("POST", "/debuggate-audit-*/_search", query).path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            JsonNode details = source.path("debuggate").path("details");
            if (source.path("debuggate").path("target").asString().equals("payment-svc/demo-0")
                    && details.path("signal").asString().equals(signal)) {
                assertThat(details.path("samples").isArray()).isTrue();
                assertThat(details.path("samples").size()).isPositive();
                return source;
            }
        }
        throw new AssertionError("no " + action + " event for " + signal + " on payment-svc/demo-0 in the audit trail");
    }

    private URI testBedUri(String pathAndQuery) {
        URI metrics = endpoints.metrics("payment-svc/demo-0").orElseThrow().url();
        return metrics.resolve(pathAndQuery);
    }

    private void testBed(String pathAndQuery) throws Exception {
        int status = testBedStatus(pathAndQuery);
        assertThat(status).as("test bed " + pathAndQuery).isEqualTo(200);
    }

    private int testBedStatus(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(testBedUri(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private boolean testBedAnswers() throws Exception {
        return testBedStatus("/healthz") == 200;
    }

    private boolean testBedTraced() throws Exception {
        Target demo = targets.find("payment-svc", "demo-0").orElseThrow();
        long pid = agents.client(demo).metrics().pid();
        return ProcStatus.read(pid).orElseThrow().traced();
    }

    private void drivePayments(Duration duration, int perSecond) throws Exception {
        drivePayments(duration, perSecond, () -> false);
    }

    /** About {@code perSecond} requests to /pay a second, from four virtual threads, until the time is up or {@code stop}. */
    private void drivePayments(Duration duration, int perSecond, java.util.function.BooleanSupplier stop) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        AtomicBoolean failed = new AtomicBoolean();
        List<Thread> drivers = new ArrayList<>();
        long pauseNanos = 4_000_000_000L / perSecond;
        for (int w = 0; w < 4; w++) {
            drivers.add(Thread.ofVirtual().start(() -> {
                long next = System.nanoTime();
                while (System.nanoTime() < end && !stop.getAsBoolean() && !failed.get()) {
                    try {
                        testBedStatus("/pay?customer=2&amount=1250");
                    } catch (Exception e) {
                        failed.set(true);
                    }
                    next += pauseNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            }));
        }
        for (Thread t : drivers) {
            t.join();
        }
        assertThat(failed).as("the test bed answered every payment").isFalse();
    }

    private String grantedSession(GatewayClient gw, String instance) throws Exception {
        java.util.Map<String, Object> request = new java.util.HashMap<>(pprofRequest(List.of("heap")));
        request.put("targetInstance", instance);
        GatewayClient.Response created = gw.post("alice", "/api/requests", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        gw.post("bob", "/api/requests/" + id + "/approve", java.util.Map.of("comment", "ok"));
        GatewayClient.Response granted = gw.post("carol", "/api/requests/" + id + "/approve", java.util.Map.of("comment", "ok"));
        assertThat(granted.body()).contains("GRANTED");
        return id;
    }

    /** The shipped policy with short windows, so a trip and a recovery fit in a test. */
    private static String fastPolicy() {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("cpu: {maxUtilization: 0.70, sustainedFor: 15s}", "cpu: {maxUtilization: 0.70, sustainedFor: 3s}")
                    .replace("errorRate: {maxRatio: 0.05, minRequests: 20, window: 30s}",
                            "errorRate: {maxRatio: 0.05, minRequests: 20, window: 10s}")
                    .replace("  calmPeriod: 10m", "  calmPeriod: 10s");
            assertThat(text).contains("sustainedFor: 3s", "window: 10s", "calmPeriod: 10s");
            Path file = Files.createTempFile("health-policy-", ".yaml");
            Files.writeString(file, text);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/generic", exchange -> {
                WEBHOOK.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.createContext("/slack", exchange -> {
                SLACK.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, ok.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(ok);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An agent whose metrics answer but whose pprof relay fails, as when the service's pprof listener is gone. */
    static final class FakeAgent implements AutoCloseable {
        private final HttpServer server;
        private final java.util.concurrent.atomic.AtomicInteger pprofCalls = new java.util.concurrent.atomic.AtomicInteger();

        FakeAgent() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/metrics", exchange -> reply(exchange, 200, "{\"agentId\":\"agent-broken\",\"target\":"
                    + "\"payment-svc/broken-0\",\"pid\":4242,\"cpuSecondsTotal\":1.0,\"cpuCores\":1,\"monotonicNanos\":"
                    + System.nanoTime() + "}"));
            server.createContext("/v1/pprof/", exchange -> {
                pprofCalls.incrementAndGet();
                reply(exchange, 502, "{\"error\":\"pprof_unreachable\",\"detail\":\"connection refused by 127.0.0.1:6060\"}");
            });
            server.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        int pprofCalls() {
            return pprofCalls.get();
        }

        private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    record Seen(Object event, String signal, Instant at) {
    }

    /** Every breaker event of the application, with the moment this listener saw it. */
    @TestConfiguration
    static class SeenEvents {
        private final List<Seen> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void tripped(TargetBreakerTripped e) {
            seen.add(new Seen(e, e.signal(), Instant.now()));
        }

        @EventListener
        void recovered(TargetBreakerRecovered e) {
            seen.add(new Seen(e, e.signal(), Instant.now()));
        }

        List<Seen> all(Class<?> type, String signal) {
            return seen.stream().filter(s -> type.isInstance(s.event()) && s.signal().equals(signal)
                    && targetOf(s.event()).equals("payment-svc/demo-0")).toList();
        }

        Seen first(Class<?> type, String signal) {
            return all(type, signal).stream().findFirst().orElse(null);
        }

        private static String targetOf(Object event) {
            return event instanceof TargetBreakerTripped t ? t.target() : ((TargetBreakerRecovered) event).target();
        }
    }
}
