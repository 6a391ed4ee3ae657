package io.debuggate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.testsupport.TestBedPii;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pprof through the gateway: bad input refused with a reason, text masked, nothing forwarded blindly. */
class PprofRouteTest extends GatewayIntegrationTest {

    private GatewayClient gw;
    private String session;

    @BeforeEach
    void grantedSession() throws Exception {
        awaitDemoTarget();
        gw = gateway();
        session = grantedSession(gw, List.of("heap", "goroutine"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "heap?debug=9, 400",
            "heap?debug=1&debug=1, 400",
            "heap?seconds=abc, 400",
            "heap?seconds=-1, 400",
            "heap?seconds=1e9, 400",
            "heap?unknown=1, 400",
            "profile?seconds=5, 403",
            "cmdline, 403",
    })
    void badInputIsRefusedWithAReason(String pathAndQuery, int status) throws Exception {
        GatewayClient.Response response = gw.get("alice", "/api/sessions/" + session + "/pprof/" + pathAndQuery);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("\"rule\"");
    }

    @Test
    void anEncodedPathTraversalIsRefusedBeforeRouting() throws Exception {
        // Tomcat itself refuses encoded slashes; the request never reaches a handler or an agent.
        assertThat(gw.get("alice", "/api/sessions/" + session + "/pprof/..%2Fcmdline").status()).isEqualTo(400);
        GatewayClient.Response dotted = gw.get("alice", "/api/sessions/" + session + "/pprof/heap..");
        assertThat(dotted.status()).isEqualTo(400);
        assertThat(dotted.json().get("rule").asString()).isEqualTo("bad-path");
    }

    @Test
    void textProfilesAreMaskedWhileStreaming() throws Exception {
        GatewayClient.Response text = gw.get("alice", "/api/sessions/" + session + "/pprof/goroutine?debug=1");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).contains("# labels:").contains("main.settle");
        for (String value : TestBedPii.ALL_SENSITIVE_VALUES) {
            assertThat(text.body()).doesNotContain(value);
        }
    }

    @Test
    void aRevokeEndsTheGrantWhileInUse() throws Exception {
        assertThat(gw.get("alice", "/api/sessions/" + session + "/pprof/heap").status()).isEqualTo(200);
        GatewayClient.Response revoked = gw.post("carol", "/api/requests/" + session + "/revoke",
                java.util.Map.of("reason", "incident closed"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("state").asString()).isEqualTo("REVOKED");
        GatewayClient.Response after = gw.get("alice", "/api/sessions/" + session + "/pprof/heap");
        assertThat(after.status()).isEqualTo(403);
        assertThat(after.json().get("rule").asString()).isEqualTo("no-active-grant");
        assertThat(after.json().get("detail").asString()).contains("REVOKED");
    }

    @Test
    void anotherEngineerCannotUseTheSession() throws Exception {
        assertThat(gw.get("bob", "/api/sessions/" + session + "/pprof/heap").status()).isEqualTo(403);
    }
}
