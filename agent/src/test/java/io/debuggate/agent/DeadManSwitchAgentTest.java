package io.debuggate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.DlvEndpoint;
import io.debuggate.agent.testsupport.DlvRpc;
import io.debuggate.agent.testsupport.GoTestBed;
import io.debuggate.agent.testsupport.RunningAgent;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway vanishes mid-session (no more heartbeats) while the engineer has the target
 * halted with a breakpoint set: the agent's dead-man switch tears the session down by itself.
 */
class DeadManSwitchAgentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** One tick (timeout/10), the teardown (well under a second here) and dlv's exit. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    @Test
    void withoutHeartbeatsAHaltedTargetServesAgainWithinTheTimeoutAndDlvIsGone() throws Exception {
        try (GoTestBed bed = GoTestBed.start(); RunningAgent agent = RunningAgent.start(bed, b -> b.deadManTimeout(TIMEOUT))) {
            long pid = bed.pid();
            DlvEndpoint endpoint = agent.client().attachDlv(agent.order(DebugTool.DLV));
            long dlvPid = agent.agent().dlv().orElseThrow().dlvPid();
            try (DlvRpc engineer = new DlvRpc(agent.client().openDlvRelay(endpoint, agent.order(DebugTool.DLV)))) {
                engineer.call("SetApiVersion", Map.of("APIVersion", 2));
                engineer.call("CreateBreakpoint", Map.of("Breakpoint", Map.of("functionName", "main.handle")));
                int continued = engineer.send("Command", Map.of("name", "continue"));
                assertThat(healthzWithin(bed, Duration.ofSeconds(5))).isTrue();
                engineer.call("Command", Map.of("name", "halt"));
                engineer.awaitReply(continued, Duration.ofSeconds(5));
                assertThat(bed.procStatus().stopped()).as("halted by the engineer").isTrue();

                // While the gateway lives, the session lives: heartbeats for longer than the timeout.
                long firstHeartbeat = System.nanoTime();
                long lastHeartbeat;
                do {
                    Thread.sleep(400);
                    assertThat(agent.client().heartbeat(agent.order(DebugTool.DLV)).armed()).isTrue();
                    lastHeartbeat = System.nanoTime();
                } while (lastHeartbeat - firstHeartbeat < TIMEOUT.multipliedBy(2).toNanos());
                assertThat(agent.agent().dlv()).as("heartbeats kept the switch from firing").isPresent();
                assertThat(bed.procStatus().stopped()).isTrue();

                // The gateway is gone.
                assertThat(healthzWithin(bed, TIMEOUT.plus(MARGIN))).as("the service answers again").isTrue();
                Duration sinceLastHeartbeat = Duration.ofNanos(System.nanoTime() - lastHeartbeat);
                assertThat(sinceLastHeartbeat).isBetween(TIMEOUT.minusMillis(100), TIMEOUT.plus(MARGIN));
                assertThat(engineer.closedWithin(Duration.ofSeconds(5))).as("the orphaned relay connection was cut").isTrue();
            }
            awaitGone(agent, dlvPid);
            assertThat(bed.procStatus().tracerPid()).isZero();
            assertThat(bed.procStatus().stopped()).isFalse();
            assertThat(bed.get("/pay?customer=3&amount=900", Duration.ofSeconds(1)).statusCode())
                    .as("the breakpoint on main.handle is gone").isEqualTo(200);
            assertThat(bed.pid()).isEqualTo(pid);
            assertThat(bed.isAlive()).isTrue();
            assertThat(agent.client().heartbeat(agent.order(DebugTool.DLV)).armed()).as("disarmed with dlv gone").isFalse();
        }
    }

    private static boolean healthzWithin(GoTestBed bed, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (bed.get("/healthz", Duration.ofMillis(250)).statusCode() == 200) {
                    return true;
                }
            } catch (HttpTimeoutException e) {
                // still halted
            }
        }
        return false;
    }

    private static void awaitGone(RunningAgent agent, long dlvPid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(dlvPid).map(ProcessHandle::isAlive).orElse(false) || agent.agent().dlv().isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("dlv " + dlvPid + " still running after the dead-man switch fired");
            }
            Thread.sleep(50);
        }
    }
}
