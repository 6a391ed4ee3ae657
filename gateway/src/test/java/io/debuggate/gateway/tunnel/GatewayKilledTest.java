package io.debuggate.gateway.tunnel;

import static io.debuggate.gateway.tunnel.DlvConnectThroughGatewayTest.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.Agent;
import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.testsupport.GoTestBed;
import io.debuggate.gateway.support.ChildGateway;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.RawTunnelClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway dies (SIGKILL) while an engineer holds the target halted: the agent, a separate
 * process in production and here the test's own JVM, stops hearing heartbeats and its dead-man
 * switch runs the teardown itself, so the service runs again within the switch's timeout.
 */
class GatewayKilledTest {

    private static final Duration DEAD_MAN = Duration.ofSeconds(3);

    @TempDir
    Path home;

    @Test
    void theAgentsDeadManSwitchResumesTheTargetWhenTheGatewayIsKilled() throws Exception {
        haltThenEndTheGateway(DEAD_MAN, true, DEAD_MAN.plusSeconds(3));
    }

    /**
     * A gateway that is stopped (SIGTERM, a deployment) tears its sessions down itself before it
     * exits: the agent's dead-man switch is set far beyond the bound, so only the gateway can have
     * resumed the target in time.
     */
    @Test
    void aStoppingGatewayTearsItsSessionsDownItself() throws Exception {
        haltThenEndTheGateway(Duration.ofSeconds(120), false, Duration.ofSeconds(20));
    }

    private void haltThenEndTheGateway(Duration deadMan, boolean kill, Duration resumedWithin) throws Exception {
        // The gateway's order-signing key, made up front so the agent can trust it before the gateway starts.
        PublicKey gatewayKey = Ed25519Keys.readPublicKey(ChildGateway.orderSigningKey(home));
        int agentPort = freePort();
        try (GoTestBed bed = GoTestBed.start();
             Agent agent = Agent.start(DemoTarget.agentBeside(bed.process(), GoTestBed.dlvPath())
                     .agentId("agent-killed-gateway").listenPort(agentPort).relayPort(0)
                     .gatewayPublicKey(gatewayKey).deadManTimeout(deadMan).build())) {
            long pid = bed.pid();
            System.out.println("agent listens at " + agent.httpAddress() + "; gateway told http://127.0.0.1:" + agentPort);
            try (ChildGateway child = ChildGateway.start(home, List.of(), "agent-killed-gateway", agentPort, Map.of(),
                    Path.of("target/gateway-killed-test.log"))) {
                Process gateway = child.process();
                GatewayClient gw = new GatewayClient(child.base());
                int gatewayPort = child.port();
                String session = DlvConnectThroughGatewayTest.grantedDelveSession(gw, "interactive");
                try (RawTunnelClient c = RawTunnelClient.open(gatewayPort, session, gw.token("alice"))) {
                    c.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"halt\"}],\"id\":1}");
                    assertThat(c.awaitReplyTo("1", Duration.ofSeconds(20))).contains("\"Running\":false");
                    c.send("{\"method\":\"RPCServer.CreateBreakpoint\",\"params\":[{\"Breakpoint\":{\"functionName\":\"main.handle\"}}],\"id\":2}");
                    assertThat(c.awaitReplyTo("2", Duration.ofSeconds(20))).contains("main.handle");
                    assertThat(status(bed.baseUri().resolve("/healthz"))).as("halted").isEqualTo(-1);

                    long killedAt = System.nanoTime();
                    if (kill) {
                        gateway.destroyForcibly(); // SIGKILL: no shutdown hook, no teardown by the gateway
                    } else {
                        gateway.destroy(); // SIGTERM: Spring's graceful shutdown
                    }

                    Awaitility.await("the target answers again").atMost(resumedWithin.plusSeconds(5))
                            .pollInterval(Duration.ofMillis(50)).until(() -> status(bed.baseUri().resolve("/healthz")) == 200);
                    Duration resumedAfter = Duration.ofNanos(System.nanoTime() - killedAt);
                    System.out.println("target resumed " + resumedAfter.toMillis() + " ms after the gateway got "
                            + (kill ? "SIGKILL" : "SIGTERM") + " (dead-man timeout " + deadMan.toMillis() + " ms)");
                    assertThat(resumedAfter).isLessThan(resumedWithin);
                    gateway.waitFor();
                }
                Awaitility.await("dlv gone").atMost(Duration.ofSeconds(10)).until(() -> !agent.health().dlvRunning());
                assertThat(bed.pid()).isEqualTo(pid);
                assertThat(DlvConnectThroughGatewayTest.tracerPid(pid)).isZero();
                assertThat(status(bed.baseUri().resolve("/pay?customer=1"))).as("no breakpoint left").isEqualTo(200);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
