package io.debuggate.gateway.pprof;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.PprofTestSessions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Rate limits per user and per target: 429 with {@code Retry-After}, a message naming the limit
 * and its setting, audited as a denial. Small limits and a long window, so no window ends mid-test.
 */
@TestPropertySource(properties = {"debuggate.pprof.fetches-per-user=3", "debuggate.pprof.fetches-per-target=5",
        "debuggate.pprof.rate-period=10m"})
class PprofRateLimitTest extends GatewayIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    DurableAuditTrail trail;

    @Test
    void aUserOverTheirLimitThenATargetOverItsLimitGet429() throws Exception {
        awaitDemoTarget();
        GatewayClient gw = gateway();
        String alices = PprofTestSessions.granted(gw, List.of("heap"));
        for (int i = 0; i < 3; i++) {
            assertThat(fetch(gw, "alice", alices).statusCode()).isEqualTo(200);
        }
        // A refused fetch costs nothing: bad input does not count against the limit.
        assertThat(fetch(gw, "alice", alices, "heap?debug=9").statusCode()).isEqualTo(400);
        HttpResponse<String> user = fetch(gw, "alice", alices);
        assertThat(user.statusCode()).as(user.body()).isEqualTo(429);
        assertThat(user.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 600L));
        assertThat(user.body()).contains("\"rule\":\"pprof-rate-limit-user\"")
                .contains("user alice has made 3 pprof fetches in the current 10m window")
                .contains("debuggate.pprof.fetches-per-user");

        // Bob's own session on the same target: his budget is fresh, the target has 2 fetches left.
        // Bob is an engineer too; Dave signs as dev lead, Carol as ops lead.
        String bobs = PprofTestSessions.granted(gw, "bob", "dave", "carol", List.of("heap"));
        assertThat(fetch(gw, "bob", bobs).statusCode()).isEqualTo(200);
        assertThat(fetch(gw, "bob", bobs).statusCode()).isEqualTo(200);
        HttpResponse<String> target = fetch(gw, "bob", bobs);
        assertThat(target.statusCode()).as(target.body()).isEqualTo(429);
        assertThat(target.headers().firstValue("Retry-After")).isPresent();
        assertThat(target.body()).contains("\"rule\":\"pprof-rate-limit-target\"")
                .contains("payment-svc/demo-0 has served 5 pprof fetches in the current 10m window")
                .contains("debuggate.pprof.fetches-per-target");

        assertThat(trail.awaitShipped(Duration.ofSeconds(30))).isTrue();
        assertThat(rules(PprofTestSessions.denials(alices))).contains("pprof-rate-limit-user");
        assertThat(rules(PprofTestSessions.denials(bobs))).contains("pprof-rate-limit-target");
    }

    private static List<String> rules(List<JsonNode> denials) {
        return denials.stream().map(e -> e.path("debuggate").path("details").path("rule").asString("")).toList();
    }

    private static HttpResponse<String> fetch(GatewayClient gw, String user, String session) throws Exception {
        return fetch(gw, user, session, "heap");
    }

    private static HttpResponse<String> fetch(GatewayClient gw, String user, String session, String profile) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(gw.base().resolve("/api/sessions/" + session + "/pprof/" + profile))
                .header("Authorization", "Bearer " + gw.token(user)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
