package io.debuggate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.client.AgentClient;
import io.debuggate.agent.protocol.AgentHealth;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.DlvEndpoint;
import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.OrderTokenSigner;
import io.debuggate.agent.testsupport.DlvRpc;
import io.debuggate.agent.testsupport.GoTestBed;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as its own process, started by AgentMain and stopped with SIGTERM like a service manager does. */
class AgentProcessTest {

    @TempDir
    Path dir;

    @Test
    void sigtermToTheAgentStopsDlvAndLeavesTheTargetServing() throws Exception {
        KeyPair gateway = Ed25519Keys.generate();
        Path publicKey = dir.resolve("gateway.pub.pem");
        Ed25519Keys.writePublicKey(publicKey, gateway.getPublic());
        int port = freePort();
        int relayPort = freePort();
        Path log = dir.resolve("agent.log");
        try (GoTestBed bed = GoTestBed.start()) {
            Process agent = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"), AgentMain.class.getName(),
                    "--agent-id=node-7", "--target=payment-svc/demo-0", "--pprof-url=" + bed.pprofBaseUri(),
                    "--target-pid=" + bed.pid(), "--gateway-public-key=" + publicKey,
                    "--listen=127.0.0.1:" + port, "--relay-port=" + relayPort, "--dlv=" + GoTestBed.dlvPath())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (AgentClient client = new AgentClient(URI.create("http://127.0.0.1:" + port),
                    new OrderTokenSigner(gateway.getPrivate()))) {
                AgentHealth health = awaitHealth(client, agent, log);
                assertThat(health.relayPort()).isEqualTo(relayPort);
                DlvEndpoint endpoint = client.attachDlv(order(DebugTool.DLV));
                try (DlvRpc rpc = new DlvRpc(client.openDlvRelay(endpoint, order(DebugTool.DLV)))) {
                    rpc.call("SetApiVersion", Map.of("APIVersion", 2));
                    rpc.send("Command", Map.of("name", "continue"));
                    long dlvPid = bed.procStatus().tracerProcessId();
                    assertThat(dlvPid).isPositive();

                    agent.destroy(); // SIGTERM to the agent JVM
                    assertThat(agent.waitFor(20, TimeUnit.SECONDS)).as("agent exits on SIGTERM").isTrue();
                    assertThat(ProcessHandle.of(dlvPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                }
            } finally {
                agent.destroy();
            }
            assertThat(Files.readString(log)).contains("dlv stopping", "signal=SIGTERM", "reason=\"agent shutdown\"",
                    "agent stopped agentId=node-7");
            assertThat(bed.procStatus().tracerPid()).isZero();
            assertThat(bed.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void badArgumentsStopTheAgentWithTheReason() throws Exception {
        Process agent = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), AgentMain.class.getName(), "--agent-id=node-7", "--exec=./svc")
                .redirectErrorStream(true).start();
        String output = new String(agent.getInputStream().readAllBytes());
        assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isEqualTo(2);
        assertThat(output).contains("unknown or incomplete argument \"--exec=./svc\"", "usage:");
    }

    private static OrderToken order(DebugTool tool) {
        return OrderToken.issue("debuggate-gateway", "node-7", "payment-svc/demo-0", "sess-1", "alice", tool,
                Clock.systemUTC(), Duration.ofMinutes(1));
    }

    private static AgentHealth awaitHealth(AgentClient client, Process agent, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return client.health();
            } catch (IOException e) {
                if (!agent.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("agent did not come up: " + Files.readString(log), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
