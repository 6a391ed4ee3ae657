package io.debuggate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.agent.client.AgentRefusedException;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.DlvEndpoint;
import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.protocol.OrderTokenSigner;
import io.debuggate.agent.protocol.RelayPreface;
import io.debuggate.agent.target.ProcStatus;
import io.debuggate.agent.testsupport.ChildProcessReaper;
import io.debuggate.agent.testsupport.DlvRpc;
import io.debuggate.agent.testsupport.GoTestBed;
import io.debuggate.agent.testsupport.RunningAgent;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A real dlv attached through a real agent to the real test bed, spoken to over the relay. */
class DlvSessionTest {

    private static final Duration SHORT = Duration.ofMillis(500);
    private GoTestBed bed;
    private RunningAgent agent;

    @BeforeEach
    void start() {
        bed = GoTestBed.start();
        agent = RunningAgent.start(bed);
    }

    @AfterEach
    void stop() {
        agent.close();
        bed.close();
    }

    @Test
    void attachRelayContinueHaltAndDetachLeaveTheTargetRunningAndUntraced() throws Exception {
        DlvEndpoint endpoint = agent.client().attachDlv(agent.order(DebugTool.DLV));
        assertThat(endpoint.startedNow()).isTrue();
        assertThat(endpoint.targetPid()).isEqualTo(bed.pid());
        long dlvPid = agent.agent().dlv().orElseThrow().dlvPid();
        assertThat(bed.procStatus().tracerProcessId()).as("traced by our dlv").isEqualTo(dlvPid);
        assertThat(agent.client().attachDlv(agent.order(DebugTool.DAP)).startedNow()).as("second order reuses dlv").isFalse();
        assertThat(agent.client().health().dlvRunning()).isTrue();

        try (DlvRpc a = new DlvRpc(agent.client().openDlvRelay(endpoint, agent.order(DebugTool.DLV)))) {
            assertThat(a.call("SetApiVersion", Map.of("APIVersion", 2)).isEmpty()).isTrue();
            assertThat(a.call("State", Map.of("NonBlocking", true)).at("/State/Running").asBoolean())
                    .as("dlv attach halts the target").isFalse();
            assertThatThrownBy(() -> bed.get("/healthz", SHORT)).as("a halted service does not answer")
                    .isInstanceOf(HttpTimeoutException.class);

            int continueId = a.send("Command", Map.of("name", "continue"));
            assertThat(healthzWithin(Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
            assertThat(a.noReplyWithin(continueId, Duration.ofMillis(300))).as("continue answers at the next stop").isTrue();

            try (DlvRpc b = new DlvRpc(agent.client().openDlvRelay(endpoint, agent.order(DebugTool.DLV)))) {
                b.call("SetApiVersion", Map.of("APIVersion", 2));
                assertThat(b.call("State", Map.of("NonBlocking", true)).at("/State/Running").asBoolean()).isTrue();
                JsonNode halted = b.call("Command", Map.of("name", "halt"));
                assertThat(halted.at("/State/Running").asBoolean()).isFalse();
                assertThat(halted.at("/State/Pid").asLong()).isEqualTo(bed.pid());
                assertThat(a.awaitReply(continueId, Duration.ofSeconds(5)).at("/result/State/Running").asBoolean()).isFalse();

                assertThat(b.call("Detach", Map.of("Kill", false)).isEmpty()).isTrue();
                assertThat(b.closedWithin(Duration.ofSeconds(5))).as("dlv closes every connection after Detach").isTrue();
            }
        }
        awaitDlvGone(dlvPid);
        ProcStatus after = bed.procStatus();
        assertThat(after.tracerPid()).isZero();
        assertThat(after.stopped()).isFalse();
        assertThat(bed.isAlive()).isTrue();
        assertThat(bed.get("/pay?customer=1&amount=100").statusCode()).isEqualTo(200);
        assertThat(agent.client().health().dlvRunning()).isFalse();
    }

    @Test
    void agentShutdownSigtermsDlvWhichRemovesBreakpointsAndLeavesTheTargetServing() throws Exception {
        DlvEndpoint endpoint = agent.client().attachDlv(agent.order(DebugTool.DLV));
        long dlvPid = agent.agent().dlv().orElseThrow().dlvPid();
        try (DlvRpc rpc = new DlvRpc(agent.client().openDlvRelay(endpoint, agent.order(DebugTool.DLV)))) {
            rpc.call("SetApiVersion", Map.of("APIVersion", 2));
            JsonNode bp = rpc.call("CreateBreakpoint", Map.of("Breakpoint", Map.of("functionName", "main.handle")));
            assertThat(bp.at("/Breakpoint/id").asInt()).isPositive();
            rpc.send("Command", Map.of("name", "continue"));
            assertThat(healthzWithin(Duration.ofSeconds(5)).statusCode()).isEqualTo(200);

            try (RunningAgent rival = RunningAgent.start(bed)) {
                assertThatThrownBy(() -> rival.client().attachDlv(rival.order(DebugTool.DLV)))
                        .isInstanceOfSatisfying(AgentRefusedException.class, e -> {
                            assertThat(e.status()).isEqualTo(409);
                            assertThat(e.error()).isEqualTo("target_unavailable");
                        }).hasMessageContaining("already traced by pid " + dlvPid);
            }

            agent.close();
        }
        assertThat(ProcessHandle.of(dlvPid).map(ProcessHandle::isAlive).orElse(false)).as("dlv exited on SIGTERM").isFalse();
        assertThat(ChildProcessReaper.liveDlvDescendants()).isEmpty();
        assertThat(bed.procStatus().tracerPid()).isZero();
        // The breakpoint on main.handle was removed: a SIGKILLed dlv would leave an INT3 there and /pay would crash the service.
        assertThat(bed.get("/pay?customer=3&amount=500").statusCode()).isEqualTo(200);
        assertThat(bed.isAlive()).isTrue();
    }

    @Test
    void ordersWithoutAValidTokenNeverStartDlvNorReachIt() throws Exception {
        OrderTokenSigner mallory = new OrderTokenSigner(Ed25519Keys.generate().getPrivate());
        assertThatThrownBy(() -> agent.client().attachDlv(agent.order(DebugTool.PPROF)))
                .isInstanceOfSatisfying(AgentRefusedException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("wrong_tool");
        assertThatThrownBy(() -> new io.debuggate.agent.client.AgentClient(agent.baseUri(), mallory)
                .attachDlv(agent.order(DebugTool.DLV))).hasMessageContaining("bad_signature");
        assertThat(agent.agent().dlv()).isEmpty();
        assertThat(ChildProcessReaper.liveDlvDescendants()).isEmpty();
        assertThat(bed.procStatus().tracerPid()).isZero();

        assertThatThrownBy(() -> agent.client().openDlvRelay(agent.order(DebugTool.DLV)))
                .isInstanceOfSatisfying(AgentRefusedException.class, e -> assertThat(e.status()).isZero())
                .hasMessageContaining("dlv is not running");

        DlvEndpoint endpoint = agent.client().attachDlv(agent.order(DebugTool.DLV));
        var replayed = agent.order(DebugTool.DLV);
        agent.client().openDlvRelay(endpoint, replayed).close();
        assertThatThrownBy(() -> agent.client().openDlvRelay(endpoint, replayed)).hasMessageContaining("replayed");
        assertThatThrownBy(() -> new io.debuggate.agent.client.AgentClient(agent.baseUri(), mallory)
                .openDlvRelay(endpoint, agent.order(DebugTool.DLV))).hasMessageContaining("bad_signature");
        try (Socket raw = new Socket(endpoint.relayHost(), endpoint.relayPort())) {
            raw.getOutputStream().write("{\"method\":\"RPCServer.Detach\",\"params\":[{\"Kill\":true}],\"id\":0}\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(raw.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith(RelayPreface.ERR + " malformed preface");
        }
        assertThat(bed.isAlive()).as("the unauthenticated Detach{Kill:true} never reached dlv").isTrue();
        assertThat(agent.agent().dlv()).isPresent();
    }

    private HttpResponse<String> healthzWithin(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return bed.get("/healthz", SHORT);
            } catch (HttpTimeoutException | java.net.ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private void awaitDlvGone(long dlvPid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(dlvPid).map(ProcessHandle::isAlive).orElse(false) || agent.agent().dlv().isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("dlv " + dlvPid + " still running 10 s after Detach");
            }
            Thread.sleep(50);
        }
    }
}
