package io.debuggate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.DlvEndpoint;
import io.debuggate.agent.testsupport.GoTestBed;
import io.debuggate.agent.testsupport.RunningAgent;
import io.debuggate.agent.testsupport.TestBedPii;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code dlv connect} client, through a tiny local forwarder that does what
 * {@code dgate connect} will do: open a relay connection with a fresh order, then pass bytes.
 */
class DlvConnectClientTest {

    @TempDir
    Path dir;

    @Test
    void dlvConnectRunsAScriptThroughTheRelayAndQuitContinueLeavesTheTargetServing() throws Exception {
        try (GoTestBed bed = GoTestBed.start(); RunningAgent agent = RunningAgent.start(bed);
             ServerSocket forwarder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DlvEndpoint endpoint = agent.client().attachDlv(agent.order(DebugTool.DLV));
            Thread.ofVirtual().start(() -> forwardOnce(forwarder, agent, endpoint));

            Path script = dir.resolve("script.dlv");
            Files.writeString(script, """
                    print main.vipCustomer.Email
                    goroutines -l
                    quit -c
                    """);
            Process dlv = new ProcessBuilder(GoTestBed.dlvPath().toString(), "connect",
                    "127.0.0.1:" + forwarder.getLocalPort(), "--init", script.toString())
                    .redirectErrorStream(true).start();
            dlv.getOutputStream().close();
            String output = new String(dlv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(dlv.waitFor(30, TimeUnit.SECONDS)).as("dlv connect exits").isTrue();

            assertThat(dlv.exitValue()).as(output).isZero();
            assertThat(output).contains("\"" + TestBedPii.ZHANG_WEI.email() + "\"")
                    .contains("main.settle").contains("\"customer_email\":\"" + TestBedPii.WANG_FANG.email() + "\"");
            // quit -c continued the target: it serves while dlv stays attached.
            assertThat(bed.get("/pay?customer=4&amount=700").statusCode()).isEqualTo(200);
            assertThat(bed.procStatus().tracerProcessId()).isEqualTo(agent.agent().dlv().orElseThrow().dlvPid());

            agent.close();
            assertThat(bed.procStatus().tracerPid()).isZero();
            assertThat(bed.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    private static void forwardOnce(ServerSocket forwarder, RunningAgent agent, DlvEndpoint endpoint) {
        try (Socket local = forwarder.accept();
             Socket relay = agent.client().openDlvRelay(endpoint, agent.order(DebugTool.DLV))) {
            Thread up = Thread.ofVirtual().start(() -> pump(local, relay));
            pump(relay, local);
            up.join(5000);
        } catch (IOException | InterruptedException e) {
            // the test's assertions report what went wrong
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // connection ended
        }
    }
}
