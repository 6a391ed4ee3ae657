package io.debuggate.gateway.support;

import io.debuggate.gateway.targets.TargetRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the gateway's integration tests: one real application (shared by every subclass through
 * Spring's context cache) against the real Elasticsearch test node, with the demo target running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected TargetRegistry targets;

    protected GatewayClient gateway() {
        return new GatewayClient(URI.create("http://127.0.0.1:" + port));
    }

    @Autowired
    private io.debuggate.gateway.tunnel.LiveSessions liveSessions;

    /**
     * Tests share one gateway and one demo target: each leaves it as production would be left, with
     * every debugger connection closed and its teardown finished, so the next starts from a fresh
     * debugger (and a fresh halt-budget window).
     */
    @org.junit.jupiter.api.AfterEach
    void awaitTeardowns() {
        if (!liveSessions.awaitTeardowns(Duration.ofSeconds(30))) {
            throw new AssertionError("a debugger teardown did not finish within 30 s; see the log");
        }
    }

    protected void awaitDemoTarget() {
        Awaitility.await("the demo target registers (see the log if it does not)")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> targets.find("payment-svc", "demo-0").isPresent());
    }

    /** A complete, valid pprof request on the demo target. */
    protected static Map<String, Object> pprofRequest(List<String> profiles) {
        return Map.ofEntries(
                Map.entry("targetService", "payment-svc"), Map.entry("targetInstance", "demo-0"),
                Map.entry("tools", List.of("pprof")), Map.entry("pprofProfiles", profiles),
                Map.entry("mode", "pprof"), Map.entry("reason", "heap grows 200 MB per hour"),
                Map.entry("ticket", "OPS-42"), Map.entry("changeScope", "read-only profiles"),
                Map.entry("rollbackSteps", "close the session"), Map.entry("expectedImpact", "none expected"),
                Map.entry("expectedImpactMinutes", 0), Map.entry("monitoringChecks", List.of("p99 latency dashboard")),
                Map.entry("requestedDurationMinutes", 15));
    }

    /** Alice's request, signed by Bob and Carol: a live session id. */
    protected String grantedSession(GatewayClient gw, List<String> profiles) throws Exception {
        return PprofTestSessions.granted(gw, profiles);
    }
}
