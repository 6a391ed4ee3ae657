package io.debuggate.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.debuggate.agent.client.AgentClient;
import io.debuggate.agent.client.AgentRefusedException;
import io.debuggate.agent.dlv.DlvSupervisor;
import io.debuggate.agent.protocol.AgentHealth;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.OrderTokenSigner;
import io.debuggate.agent.target.ProcStatus;
import io.debuggate.agent.testsupport.GoTestBed;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The demo target as the gateway runs it: a real test bed, a real agent, real dlv. */
class DemoTargetTest {

    private final KeyPair gateway = Ed25519Keys.generate();

    @TempDir
    Path dir;

    private DemoTargetConfig.Builder config() {
        // The tests' build directory: the binary is shared with the other tests, built once.
        return DemoTargetConfig.builder(gateway.getPublic()).buildDir(GoTestBed.buildDir());
    }

    private OrderToken order(String agentId, DebugTool tool) {
        return OrderToken.issue("debuggate-gateway", agentId, DemoTargetConfig.DEFAULT_TARGET_NAME, "sess-demo", "alice",
                tool, Clock.systemUTC(), Duration.ofMinutes(2));
    }

    @Test
    void servesHeapToSignedOrdersAndCloseLeavesNoTestBedOrDlvBehind() throws Exception {
        ListAppender<ILoggingEvent> dlvLog = new ListAppender<>();
        dlvLog.start();
        Logger supervisorLog = (Logger) LoggerFactory.getLogger(DlvSupervisor.class);
        supervisorLog.addAppender(dlvLog);
        DemoTarget demo = DemoTarget.start(config().build());
        long dlvPid;
        try (AgentClient client = new AgentClient(demo.agentBaseUri(), new OrderTokenSigner(gateway.getPrivate()))) {
            assertThat(demo.agentId()).isEqualTo("demo-agent");
            assertThat(demo.targetName()).isEqualTo("payment-svc/demo-0");
            assertThat(demo.testBedBaseUri().getHost()).isEqualTo("127.0.0.1");
            AgentHealth health = client.health();
            assertThat(health.targetPid()).isEqualTo(demo.testBedPid());
            assertThat(health.targetAlive()).isTrue();

            HttpResponse<InputStream> heap = client.pprof(order(demo.agentId(), DebugTool.PPROF), "heap");
            byte[] body;
            try (InputStream in = heap.body()) {
                body = in.readAllBytes();
            }
            assertThat(heap.statusCode()).isEqualTo(200);
            assertThat(body).as("a gzipped pprof profile").startsWith((byte) 0x1f, (byte) 0x8b);

            try (AgentClient stranger = new AgentClient(demo.agentBaseUri(),
                    new OrderTokenSigner(Ed25519Keys.generate().getPrivate()))) {
                assertThatThrownBy(() -> stranger.pprof(order(demo.agentId(), DebugTool.PPROF), "heap"))
                        .isInstanceOf(AgentRefusedException.class).hasMessageContaining("bad_signature");
            }

            client.attachDlv(order(demo.agentId(), DebugTool.DLV));
            dlvPid = ProcStatus.read(demo.testBedPid()).orElseThrow().tracerProcessId();
            assertThat(dlvPid).as("dlv traces the test bed").isPositive();
        } finally {
            demo.close(); // at once after the attach: dlv may not have its SIGTERM handler yet
            supervisorLog.detachAppender(dlvLog);
        }
        assertThat(isAlive(demo.testBedPid())).as("test bed stopped").isFalse();
        assertThat(isAlive(dlvPid)).as("dlv stopped").isFalse();
        assertThat(DemoProcessReaper.liveDlvDescendants()).isEmpty();
        assertThat(dlvLog.list).extracting(ILoggingEvent::getFormattedMessage)
                .as("dlv handled SIGTERM (halt, detach, exit 0) instead of dying from it (143)")
                .contains("dlv stopped dlvPid=" + dlvPid + " exitCode=0");
        demo.close(); // idempotent
    }

    @Test
    void sigtermToTheJvmLeavesNoTestBedOrDlvBehind() throws Exception {
        Path publicKey = dir.resolve("gateway.pub.pem");
        Ed25519Keys.writePublicKey(publicKey, gateway.getPublic());
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), DemoTargetChildJvm.class.getName(),
                publicKey.toString(), GoTestBed.buildDir().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            List<String> ready = awaitReadyLine(child, log);
            URI agentBase = URI.create(ready.get(0));
            long testBedPid = Long.parseLong(ready.get(1));
            try (AgentClient client = new AgentClient(agentBase, new OrderTokenSigner(gateway.getPrivate()))) {
                client.attachDlv(order(DemoTargetConfig.DEFAULT_AGENT_ID, DebugTool.DLV));
            }
            long dlvPid = ProcStatus.read(testBedPid).orElseThrow().tracerProcessId();
            assertThat(dlvPid).isPositive();

            child.destroy(); // SIGTERM to the "gateway" JVM, which never closes the demo itself
            assertThat(child.waitFor(40, TimeUnit.SECONDS)).as("child JVM exits on SIGTERM").isTrue();
            assertThat(isAlive(dlvPid)).as("dlv stopped").isFalse();
            assertThat(isAlive(testBedPid)).as("test bed stopped").isFalse();
            assertThat(Files.readString(log)).contains("dlv stopping dlvPid=" + dlvPid + " signal=SIGTERM",
                    "dlv stopped dlvPid=" + dlvPid + " exitCode=0", "test bed stopping pid=" + testBedPid + " signal=SIGTERM")
                    .doesNotContain("sending SIGKILL");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aMissingDlvDisablesTheDemoWithTheInstallCommandBeforeAnythingStarts() {
        long before = liveTestBeds();
        assertThatThrownBy(() -> DemoTarget.start(config().dlvPath(dir.resolve("no-such-dlv")).build()))
                .isInstanceOf(DemoUnavailableException.class)
                .hasMessageContaining("no-such-dlv").hasMessageContaining("apt-get install -y delve");
        assertThat(liveTestBeds()).isEqualTo(before);
    }

    @Test
    void busyPortsDisableTheDemoAndLeaveNothingRunning() throws Exception {
        long before = liveTestBeds();
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            assertThatThrownBy(() -> DemoTarget.start(config().testBed(GoTestBedOptions.onLoopbackPorts(port, 0)).build()))
                    .isInstanceOf(DemoUnavailableException.class)
                    .hasMessageContaining("exited before it was ready").hasMessageContaining("address already in use");
            assertThatThrownBy(() -> DemoTarget.start(config().agentPort(port).build()))
                    .isInstanceOf(DemoUnavailableException.class)
                    .hasMessageContaining("cannot start the demo agent").hasMessageContaining(":" + port);
        }
        assertThat(liveTestBeds()).as("the test bed started for the failed agent was stopped").isEqualTo(before);
    }

    private static List<String> awaitReadyLine(Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith(DemoTargetChildJvm.READY_PREFIX)) {
                    return List.of(line.substring(DemoTargetChildJvm.READY_PREFIX.length()).split(" "));
                }
            }
            if (!child.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the child JVM reported no demo target; its output:\n" + Files.readString(log));
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long liveTestBeds() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + GoTestBedBuild.BINARY_NAME)).orElse(false))
                .count();
    }
}
