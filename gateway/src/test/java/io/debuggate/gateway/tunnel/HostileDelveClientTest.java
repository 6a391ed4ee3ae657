package io.debuggate.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.search.AuditEventView;
import io.debuggate.audit.search.AuditSearch;
import io.debuggate.gateway.demo.DemoTargetLauncher;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.RawTunnelClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Raw JSON-RPC from a client that does not play by the rules. Each message is answered with an
 * error or the connection is closed with a reason, the target keeps serving, and the refusal is in
 * the audit trail.
 */
class HostileDelveClientTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    DemoTargetLauncher demo;

    @Autowired
    DurableAuditTrail trail;

    @Autowired
    AuditSearch search;

    private GatewayClient gw;
    private String session;
    private String token;
    private DemoTarget target;

    @BeforeEach
    void grantedSnapshotSession() throws Exception {
        gw = gateway();
        awaitDemoTarget();
        target = demo.current().orElseThrow();
        session = DlvConnectThroughGatewayTest.grantedDelveSession(gw, "snapshot");
        token = gw.token("alice");
    }

    @Test
    void duplicateKeysCaseVariantsAndObjectParamsAreAnsweredWithErrors() throws Exception {
        try (RawTunnelClient c = RawTunnelClient.open(port, session, token)) {
            c.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"halt\",\"name\":\"continue\"}],\"id\":1}");
            c.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"NAME\":\"halt\"}],\"id\":2}");
            c.send("{\"method\":\"RPCServer.State\",\"params\":{\"NonBlocking\":true},\"id\":3}");
            c.send("{\"method\":\"RPCServer.Nope\",\"params\":[{}],\"id\":4}");
            c.send("{\"method\":\"RPCServer.Detach\",\"params\":[{\"Kill\":true}],\"id\":5}");
            c.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"call\",\"expr\":\"main.customerByID(1)\",\"ReturnInfoLoadConfig\":{}}],\"id\":6}");
            c.send("{\"method\":\"RPCServer.GetVersion\",\"params\":[{}],\"id\":7}");
            c.awaitReplyTo("7", WAIT);
            String replies = c.replies();
            assertThat(replies).contains("{\"id\":1,\"result\":null,\"error\":\"refused by debuggate: duplicate key");
            assertThat(replies).contains("{\"id\":2,\"result\":null,\"error\":\"denied by policy snapshot").contains("send 'name'");
            assertThat(replies).contains("{\"id\":3,\"result\":null,\"error\":\"refused by debuggate: params must be an array");
            assertThat(replies).contains("{\"id\":4,\"result\":null,\"error\":\"denied by policy snapshot").contains("unknown Delve method");
            assertThat(replies).contains("{\"id\":5,\"result\":null,\"error\":\"denied by policy snapshot: RPCServer.Detach: Delve method Detach is not allowed");
            assertThat(replies).contains("{\"id\":6,\"result\":null,\"error\":\"denied by policy snapshot: RPCServer.Command call: Command 'call' is not allowed");
            assertThat(replies).as("the connection still works after refusals").contains("{\"id\":7,\"result\":{").contains("DelveVersion");
        }
        assertTargetServes();
        // Every refusal is in the trail, in order, with its reason.
        assertThat(trail.awaitShipped(Duration.ofSeconds(30))).isTrue();
        io.debuggate.audit.testsupport.ElasticsearchTestNode.shared().refresh();
        List<AuditEventView> timeline = search.timeline(session);
        List<String> denials = timeline.stream().filter(e -> e.action().equals("dlv.rpc") && e.outcome().equals("denied"))
                .map(e -> e.reason() == null ? "" : e.reason()).toList();
        assertThat(denials).hasSize(6);
        assertThat(denials.get(0)).contains("duplicate key");
        assertThat(denials.get(1)).contains("NON_CANONICAL_KEY");
        assertThat(denials.get(2)).contains("params must be an array");
        assertThat(denials.get(3)).contains("unknown Delve method");
        assertThat(denials.get(5)).contains("Command 'call' is not allowed");
        assertThat(timeline).anyMatch(e -> e.action().equals("dlv.rpc") && e.outcome().equals("success")
                && "GetVersion".equals(e.details().get("method")));
    }

    @Test
    void aFiftyMegabyteMessageClosesTheConnectionWithAReason() throws Exception {
        byte[] huge = new byte[50 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        byte[] head = "{\"method\":\"RPCServer.Eval\",\"params\":[{\"Expr\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, huge, 0, head.length);
        try (RawTunnelClient c = RawTunnelClient.open(port, session, token)) {
            c.send(huge);
            assertThat(c.awaitClose(WAIT)).startsWith("1009").contains("exceeds 1048576 bytes");
        }
        assertTargetServes();
    }

    @Test
    void deepNestingAndGarbageCloseTheConnectionWithAReason() throws Exception {
        try (RawTunnelClient c = RawTunnelClient.open(port, session, token)) {
            c.send("{\"method\":\"RPCServer.State\",\"params\":[{\"a\":" + "[".repeat(100));
            assertThat(c.awaitClose(WAIT)).startsWith("1007").contains("deeper than 32");
        }
        try (RawTunnelClient c = RawTunnelClient.open(port, session, token)) {
            c.send(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
            assertThat(c.awaitClose(WAIT)).startsWith("1007").contains("byte 0xde");
            assertThat(c.notices()).anyMatch(n -> n.contains("expected a JSON object"));
        }
        assertTargetServes();
    }

    @Test
    void someoneElsesSessionAndForgedTokensAreRefusedBeforeTheUpgrade() {
        assertThat(handshakeStatus(session, gw.token("bob"))).contains("403").contains("belongs to alice");
        assertThat(handshakeStatus(session, token.substring(0, token.length() - 4) + "AAAA")).contains("401");
        assertThat(handshakeStatus("no-such-session", token)).contains("404");
    }

    private String handshakeStatus(String sessionId, String bearer) {
        try (RawTunnelClient c = RawTunnelClient.open(port, sessionId, bearer)) {
            return "upgraded";
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
                return h.getResponse().statusCode() + " " + h.getResponse().body();
            }
            return e.toString();
        }
    }

    private void assertTargetServes() {
        assertThat(DlvConnectThroughGatewayTest.status(target.testBedBaseUri().resolve("/healthz")))
                .as("the target still answers").isEqualTo(200);
    }
}
