package io.debuggate.gateway.auditstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayTestProperties;
import io.debuggate.gateway.support.PprofTestSessions;
import io.debuggate.gateway.support.RawTunnelClient;
import io.debuggate.gateway.targets.TargetRegistry;
import io.debuggate.gateway.tunnel.TunnelTestSessions;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A gateway whose Elasticsearch refuses its writer (a wrong password, as after a botched credential
 * rotation) keeps recording into the spool, but once that has lasted longer than the outage budget
 * it fails closed: a live debugger connection is cut, a new one and pprof are refused with the
 * reason, and the health endpoint says it is down.
 * (Not a {@code GatewayIntegrationTest}: Spring would apply that class's properties after these.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// 45 s: the failing starts with the first event shipped at start-up; a loaded CI machine still
// opens the debugger connection well within it, while the trail is only degraded
@TestPropertySource(properties = {"debuggate.audit.max-store-outage=PT45S", "debuggate.health.enabled=false"})
class AuditFailClosedGatewayTest {

    @DynamicPropertySource
    static void gatewayWithARefusedWriter(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, Map.of("debuggate.audit.external.writer-password", "not-the-writers-password"));
    }

    @LocalServerPort
    int port;

    @Autowired
    DurableAuditTrail trail;

    @Autowired
    TargetRegistry targets;

    @Test
    void debuggingStopsOnceTheTrailFailsClosedAndTheHealthEndpointSaysWhy() throws Exception {
        Awaitility.await("the demo target registers").atMost(Duration.ofMinutes(2))
                .until(() -> targets.find("payment-svc", "demo-0").isPresent());
        GatewayClient gw = new GatewayClient(URI.create("http://127.0.0.1:" + port));
        String session = PprofTestSessions.granted(gw, List.of("heap"));
        String delve = TunnelTestSessions.grantedDelveSession(gw, "interactive");
        String token = gw.token("alice");
        try (RawTunnelClient live = RawTunnelClient.open(port, delve, token)) {
            live.send("{\"method\":\"RPCServer.State\",\"params\":[{\"NonBlocking\":true}],\"id\":1}");
            assertThat(live.awaitReplyTo("1", Duration.ofSeconds(30))).as("served while the trail is only degraded")
                    .contains("\"error\":null");
            assertThat(trail.health().failClosed()).isFalse();

            Awaitility.await("the trail fails closed after the 45 s outage budget").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200)).until(() -> trail.health().failClosed());
            assertThat(live.awaitClose(Duration.ofSeconds(10))).as("the live connection is cut")
                    .contains("audit trail fails closed");
        }
        assertThatThrownBy(() -> RawTunnelClient.open(port, delve, token).close()).as("a new connection is refused")
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                    assertThat(refused.getResponse().statusCode()).isEqualTo(503);
                    assertThat(String.valueOf(refused.getResponse().body())).contains("audit trail cannot record");
                });

        GatewayClient.Response refused = gw.get("alice", "/api/sessions/" + session + "/pprof/heap");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("rule").asString()).isEqualTo("audit-fail-closed");
        assertThat(refused.json().path("detail").asString()).contains("audit trail cannot record")
                .contains("/actuator/health");

        GatewayClient.Response health = gw.get(null, "/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("DOWN");
        assertThat(trail.health().pending()).as("the refusals are spooled, waiting for the store").isPositive();
    }
}
