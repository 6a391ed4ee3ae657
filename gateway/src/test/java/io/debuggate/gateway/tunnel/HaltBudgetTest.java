package io.debuggate.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.gateway.demo.DemoTargetLauncher;
import io.debuggate.gateway.policy.ActivePolicy;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.RawTunnelClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A client that halts the target and then sits still: the gateway resumes it when the policy's
 * halt budget runs out, tells the client why, and records it.
 */
class HaltBudgetTest extends GatewayIntegrationTest {

    @Autowired
    DemoTargetLauncher demo;

    @Autowired
    ActivePolicy policies;

    @Test
    void aHaltedTargetIsResumedWhenTheBudgetRunsOut() throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();
        DemoTarget target = demo.current().orElseThrow();
        Duration budget = policies.current().mode("interactive").haltBudget().perStop();
        String session = DlvConnectThroughGatewayTest.grantedDelveSession(gw, "interactive");
        try (RawTunnelClient c = RawTunnelClient.open(port, session, gw.token("alice"))) {
            c.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"halt\"}],\"id\":1}");
            assertThat(c.awaitReplyTo("1", Duration.ofSeconds(10))).contains("\"Running\":false");
            long haltedAt = System.nanoTime();
            assertThat(DlvConnectThroughGatewayTest.status(target.testBedBaseUri().resolve("/healthz")))
                    .as("halted right after the halt").isEqualTo(-1);
            long resumedAt = -1;
            while (System.nanoTime() - haltedAt < budget.plusSeconds(5).toNanos()) {
                if (DlvConnectThroughGatewayTest.status(target.testBedBaseUri().resolve("/healthz")) == 200) {
                    resumedAt = System.nanoTime();
                    break;
                }
            }
            assertThat(resumedAt).as("the target answers again").isPositive();
            Duration halted = Duration.ofNanos(resumedAt - haltedAt);
            // Seen from outside: the budget, the watchdog's poll, the resume and one health check's
            // round trip (the check that was waiting when the target resumed times out after 1 s).
            assertThat(halted).as("halted for %s with a budget of %s", halted, budget)
                    .isGreaterThanOrEqualTo(budget.minusMillis(50)).isLessThan(budget.plusMillis(1100));
            // The notice follows the resume; the health check above may see the target first.
            org.awaitility.Awaitility.await("the client is told why").atMost(Duration.ofSeconds(5))
                    .until(() -> c.notices().stream().anyMatch(n -> n.contains("debuggate resumed the target after")));
            String notice = c.notices().stream().filter(n -> n.contains("debuggate resumed the target after")).findFirst()
                    .orElseThrow();
            assertThat(notice).contains("per stop");
            long stoppedMillis = Long.parseLong(notice.replaceAll(".*resumed the target after (\\d+) ms.*", "$1"));
            assertThat(stoppedMillis).as("stop length the gateway measured: within budget + 100 ms")
                    .isBetween(budget.toMillis(), budget.toMillis() + 100);
        }
    }
}
