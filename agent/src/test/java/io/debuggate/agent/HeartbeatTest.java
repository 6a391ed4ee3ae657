package io.debuggate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.agent.client.AgentClient;
import io.debuggate.agent.client.AgentRefusedException;
import io.debuggate.agent.protocol.AgentJson;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.protocol.HeartbeatAck;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.OrderTokenSigner;
import io.debuggate.agent.testsupport.GoTestBed;
import io.debuggate.agent.testsupport.RunningAgent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/heartbeat}: only the gateway's fresh, signed orders count; everything else is a clear 401. */
class HeartbeatTest {

    private static GoTestBed bed;
    private static RunningAgent agent;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        bed = GoTestBed.start();
        agent = RunningAgent.start(bed);
    }

    @AfterAll
    static void stop() {
        agent.close();
        bed.close();
    }

    @Test
    void aFreshOrderIsAcknowledgedWithTheTimeoutAndArmedOnlyWhileDlvIsAttached() throws Exception {
        HeartbeatAck idle = agent.client().heartbeat(agent.order(DebugTool.DLV));
        assertThat(idle).isEqualTo(new HeartbeatAck(false, AgentConfig.DEFAULT_DEAD_MAN_TIMEOUT.toMillis()));
        assertThat(AgentConfig.DEFAULT_DEAD_MAN_TIMEOUT).isEqualTo(Duration.ofSeconds(10));

        agent.client().attachDlv(agent.order(DebugTool.DLV));
        assertThat(agent.client().heartbeat(agent.order(DebugTool.DAP)).armed()).isTrue();
        assertThat(agent.agent().deadManSwitch().remaining()).hasValueSatisfying(
                left -> assertThat(left).isGreaterThan(Duration.ofSeconds(9)));
    }

    @Test
    void noTokenIsRefusedAsMissing() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(agent.baseUri().resolve("/v1/heartbeat"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = AgentJson.mapper().readTree(response.body());
        assertThat(body.path("error").asString()).isEqualTo("missing");
        assertThat(body.path("detail").asString()).isEqualTo("missing: no order token presented");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("missing"));
    }

    @Test
    void aForgedTokenIsRefusedAsBadSignature() {
        try (AgentClient mallory = new AgentClient(agent.baseUri(), new OrderTokenSigner(Ed25519Keys.generate().getPrivate()))) {
            assertThatThrownBy(() -> mallory.heartbeat(agent.order(DebugTool.DLV)))
                    .isInstanceOfSatisfying(AgentRefusedException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.error()).isEqualTo("bad_signature");
                    }).hasMessageContaining("signature does not match the gateway's public key");
        }
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        Clock lastHour = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), java.time.ZoneOffset.UTC);
        OrderToken old = OrderToken.issue(RunningAgent.ISSUER, agent.agentId(), RunningAgent.TARGET, "sess-old",
                RunningAgent.USER, DebugTool.DLV, lastHour, Duration.ofMinutes(2));
        assertThatThrownBy(() -> agent.client().heartbeat(old))
                .isInstanceOfSatisfying(AgentRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("expired");
                }).hasMessageContaining("expired at ");
    }

    @Test
    void aReplayedOrAPprofTokenIsRefused() throws Exception {
        OrderToken once = agent.order(DebugTool.DLV);
        agent.client().heartbeat(once);
        assertThatThrownBy(() -> agent.client().heartbeat(once))
                .isInstanceOfSatisfying(AgentRefusedException.class, e -> assertThat(e.error()).isEqualTo("replayed"))
                .hasMessageContaining("sign a fresh one each time");
        assertThat(agent.client().heartbeat(once.renewed(Clock.systemUTC(), Duration.ofSeconds(30))).timeoutMillis())
                .as("the same order renewed (fresh nonce) passes").isEqualTo(10_000);
        assertThatThrownBy(() -> agent.client().heartbeat(agent.order(DebugTool.PPROF)))
                .isInstanceOfSatisfying(AgentRefusedException.class, e -> assertThat(e.error()).isEqualTo("wrong_tool"));
    }
}
