package io.debuggate.gateway.tunnel;

import static io.debuggate.gateway.tunnel.DlvConnectThroughGatewayTest.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.Agent;
import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.testsupport.GoTestBed;
import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.RawTunnelClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
        KeyPair keys = Ed25519Keys.generate();
        Path privateKey = home.resolve("agents/order-signing-key.pem");
        Files.createDirectories(privateKey.getParent());
        Ed25519Keys.writePrivateKey(privateKey, keys.getPrivate());
        Ed25519Keys.writePublicKey(home.resolve("agents/order-signing-key.pub.pem"), keys.getPublic());
        int agentPort = freePort();
        int gatewayPort = freePort();
        try (GoTestBed bed = GoTestBed.start();
             Agent agent = Agent.start(DemoTarget.agentBeside(bed.process(), GoTestBed.dlvPath())
                     .agentId("agent-killed-gateway").listenPort(agentPort).relayPort(0)
                     .gatewayPublicKey(keys.getPublic()).deadManTimeout(deadMan).build())) {
            long pid = bed.pid();
            System.out.println("agent listens at " + agent.httpAddress() + "; gateway told http://127.0.0.1:" + agentPort);
            Process gateway = startGateway(gatewayPort, agentPort);
            try {
                URI base = URI.create("http://127.0.0.1:" + gatewayPort);
                Awaitility.await("the gateway starts").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> gateway.isAlive() && status(base.resolve("/actuator/health/readiness")) == 200);
                GatewayClient gw = new GatewayClient(base);
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
            } finally {
                gateway.destroyForcibly();
            }
        }
    }

    private Process startGateway(int port, int agentPort) throws IOException {
        ElasticsearchTestNode es = ElasticsearchTestNode.shared();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.debuggate.gateway.DebuggateApplication"));
        Map<String, String> properties = Map.ofEntries(
                Map.entry("server.port", String.valueOf(port)),
                Map.entry("debuggate.home", home.toString()),
                Map.entry("spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                Map.entry("debuggate.demo.enabled", "false"),
                Map.entry("debuggate.health.enabled", "false"),
                Map.entry("debuggate.targets.registered[0].service", "payment-svc"),
                Map.entry("debuggate.targets.registered[0].instance", "demo-0"),
                Map.entry("debuggate.targets.registered[0].agent-id", "agent-killed-gateway"),
                Map.entry("debuggate.targets.registered[0].agent-url", "http://127.0.0.1:" + agentPort),
                Map.entry("debuggate.audit.embedded", "false"),
                Map.entry("debuggate.audit.urls", es.httpUrl()),
                Map.entry("debuggate.audit.role-installation", "FILE"),
                Map.entry("debuggate.audit.instance", "killed-" + UUID.randomUUID().toString().substring(0, 8)),
                Map.entry("debuggate.audit.external.admin-user", es.admin().username()),
                Map.entry("debuggate.audit.external.admin-password", es.admin().password()),
                Map.entry("debuggate.audit.external.writer-user", es.writer().username()),
                Map.entry("debuggate.audit.external.writer-password", es.writer().password()),
                Map.entry("debuggate.audit.external.auditor-user", es.auditor().username()),
                Map.entry("debuggate.audit.external.auditor-password", es.auditor().password()));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target/gateway-killed-test.log").toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
