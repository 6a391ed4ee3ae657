package io.debuggate.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.gateway.demo.DemoTargetLauncher;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.RawTunnelClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every way a session can end, with a breakpoint set and the target halted at the moment of the
 * cut: afterwards the target answers HTTP within a second of the teardown, is not traced, has the
 * same pid, and no debugger is attached.
 */
class TeardownPathsTest extends GatewayIntegrationTest {

    @Autowired
    DemoTargetLauncher demo;

    @Autowired
    LiveSessions liveSessions;

    @Autowired
    io.debuggate.audit.DurableAuditTrail trail;

    @Autowired
    io.debuggate.audit.search.AuditSearch search;

    enum Path {
        CLIENT_DISCONNECTS, REVOKED_BY_APPROVER, KILL_SWITCH
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void theTargetIsLeftRunningWithNoDebugger(Path path) throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();
        DemoTarget target = demo.current().orElseThrow();
        long pid = target.testBedPid();
        String session = DlvConnectThroughGatewayTest.grantedDelveSession(gw, "interactive");
        AtomicBoolean paying = new AtomicBoolean(true);
        Thread payments = Thread.ofVirtual().start(() -> DlvConnectThroughGatewayTest.payLoop(target.testBedBaseUri(), paying));
        try (RawTunnelClient c = RawTunnelClient.open(port, session, gw.token("alice"))) {
            haltAndBreakAtHandle(c);
            continueUntilStoppedAtTheBreakpoint(c, target);
            switch (path) {
                case CLIENT_DISCONNECTS -> c.close();
                case REVOKED_BY_APPROVER -> {
                    GatewayClient.Response revoked = gw.post("carol", "/api/requests/" + session + "/revoke",
                            Map.of("comment", "incident over"));
                    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
                    assertThat(c.awaitClose(Duration.ofSeconds(10))).startsWith("1008").contains("revoked by carol");
                }
                case KILL_SWITCH -> {
                    GatewayClient.Response kill = gw.post("admin", "/api/admin/kill",
                            Map.of("target", "payment-svc/demo-0", "reason", "pager storm"));
                    assertThat(kill.status()).as(kill.body()).isEqualTo(200);
                    assertThat(kill.body()).contains("\"sessionsCut\":1").contains("\"running\":true")
                            .contains("\"debuggerAttached\":false");
                    assertThat(c.awaitClose(Duration.ofSeconds(10))).startsWith("1008").contains("kill switch pulled by admin");
                }
            }
        } finally {
            paying.set(false);
            payments.join(5000);
        }
        assertLeftRunningWithNoDebugger(target, pid, session, liveSessions, trail, search);
    }

    /**
     * After a teardown: dlv gone, the target answering HTTP within a second of that, same pid, not
     * traced, and the gateway's own check from outside recorded with the cleared breakpoint.
     */
    static void assertLeftRunningWithNoDebugger(DemoTarget target, long pid, String session, LiveSessions liveSessions,
                                                io.debuggate.audit.DurableAuditTrail trail,
                                                io.debuggate.audit.search.AuditSearch search) throws Exception {
        Awaitility.await("dlv detached").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> !target.agent().health().dlvRunning());
        long detachedAt = System.nanoTime();
        Awaitility.await("target answers").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> DlvConnectThroughGatewayTest.status(target.testBedBaseUri().resolve("/healthz")) == 200);
        assertThat(Duration.ofNanos(System.nanoTime() - detachedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(target.testBedPid()).as("same process").isEqualTo(pid);
        assertThat(DlvConnectThroughGatewayTest.tracerPid(pid)).as("not traced").isZero();
        assertThat(liveSessions.awaitTeardowns(Duration.ofSeconds(30))).isTrue();
        assertThat(trail.awaitShipped(Duration.ofSeconds(30))).isTrue();
        io.debuggate.audit.testsupport.ElasticsearchTestNode.shared().refresh();
        assertThat(search.timeline(session)).filteredOn(e -> e.action().equals("session.teardown"))
                .anySatisfy(e -> {
                    assertThat(e.outcome()).isEqualTo("success");
                    assertThat(String.valueOf(e.details().get("targetServing"))).isEqualTo("true");
                    assertThat(String.valueOf(e.details().get("clearedBreakpoints"))).contains("1");
                });
    }

    /** Delve edits breakpoints only on a stopped target, as dlv connect does: halt first, then break at main.handle. */
    static void haltAndBreakAtHandle(RawTunnelClient c) throws Exception {
        c.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"halt\"}],\"id\":0}");
        assertThat(c.awaitReplyTo("0", Duration.ofSeconds(10))).contains("\"Running\":false");
        c.send("{\"method\":\"RPCServer.CreateBreakpoint\",\"params\":[{\"Breakpoint\":{\"functionName\":\"main.handle\"}}],\"id\":1}");
        assertThat(c.awaitReplyTo("1", Duration.ofSeconds(10))).contains("\"functionName\":\"main.handle\"");
    }

    /**
     * Continues until the target stops at the breakpoint. A halt that met an already stopped target
     * makes Delve's next continue return at once with a stale stop (debug-protocols.md §1.3), as a
     * person at {@code dlv connect} would see too: then continue once more.
     */
    static void continueUntilStoppedAtTheBreakpoint(RawTunnelClient c, DemoTarget target) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            String id = "\"c" + attempt + "\"";
            c.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"continue\"}],\"id\":" + id + "}");
            assertThat(c.awaitReplyTo(id, Duration.ofSeconds(10))).as("continue answered").isNotEmpty();
            if (DlvConnectThroughGatewayTest.status(target.testBedBaseUri().resolve("/healthz")) == -1) {
                return;
            }
        }
        throw new AssertionError("the target never stopped at the breakpoint; replies: " + c.replies());
    }

    /** The grant's window closes while the engineer is connected and a breakpoint is set: the sweep cuts and tears down. */
    @Test
    void anExpiringGrantEndsTheSessionAndLeavesTheTargetRunning() throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();
        DemoTarget target = demo.current().orElseThrow();
        long pid = target.testBedPid();
        Map<String, Object> body = new java.util.HashMap<>(pprofRequest(java.util.List.of()));
        body.put("tools", java.util.List.of("dlv"));
        body.remove("pprofProfiles");
        body.put("mode", "interactive");
        body.put("requestedDurationMinutes", 1);
        String session = gw.post("alice", "/api/requests", body).json().get("id").asString();
        gw.post("bob", "/api/requests/" + session + "/approve", Map.of("comment", "ok"));
        assertThat(gw.post("carol", "/api/requests/" + session + "/approve", Map.of("comment", "ok")).body()).contains("GRANTED");
        AtomicBoolean paying = new AtomicBoolean(true);
        Thread payments = Thread.ofVirtual().start(() -> DlvConnectThroughGatewayTest.payLoop(target.testBedBaseUri(), paying));
        try (RawTunnelClient c = RawTunnelClient.open(port, session, gw.token("alice"))) {
            haltAndBreakAtHandle(c);
            c.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"continue\"}],\"id\":2}");
            assertThat(c.awaitClose(Duration.ofSeconds(90))).as("cut when the one-minute grant ends")
                    .startsWith("1008").contains("session " + session);
        } finally {
            paying.set(false);
            payments.join(5000);
        }
        Awaitility.await("dlv detached").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> !target.agent().health().dlvRunning());
        Awaitility.await("target answers").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> DlvConnectThroughGatewayTest.status(target.testBedBaseUri().resolve("/healthz")) == 200);
        assertThat(target.testBedPid()).isEqualTo(pid);
        assertThat(DlvConnectThroughGatewayTest.tracerPid(pid)).isZero();
    }
}
