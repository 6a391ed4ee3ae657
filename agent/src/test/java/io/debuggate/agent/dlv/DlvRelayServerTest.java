package io.debuggate.agent.dlv;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.OrderTokenSigner;
import io.debuggate.agent.protocol.OrderTokenVerifier;
import io.debuggate.agent.protocol.RelayPreface;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay against a fake dlv (an echo server that counts connections and bytes), to prove
 * that a refused peer never gets a connection to dlv. The real dlv is in DlvSessionTest.
 */
class DlvRelayServerTest {

    private final KeyPair gateway = Ed25519Keys.generate();
    private final OrderTokenSigner signer = new OrderTokenSigner(gateway.getPrivate());
    private final AtomicInteger fakeDlvConnections = new AtomicInteger();
    private final AtomicInteger fakeDlvBytes = new AtomicInteger();
    private final AtomicReference<Optional<DlvAttachment>> attachment = new AtomicReference<>(Optional.empty());
    private ServerSocket fakeDlv;
    private DlvRelayServer relay;

    @BeforeEach
    void start() throws IOException {
        fakeDlv = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::echo);
        attachment.set(Optional.of(new DlvAttachment(1, 2, (InetSocketAddress) fakeDlv.getLocalSocketAddress(), Instant.now())));
        OrderTokenVerifier verifier = OrderTokenVerifier.builder().publicKey(gateway.getPublic()).audience("node-7")
                .target("svc/0").build();
        relay = new DlvRelayServer(new InetSocketAddress("127.0.0.1", 0), verifier, attachment::get, Duration.ofMillis(500));
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        fakeDlv.close();
    }

    private void echo() {
        while (!fakeDlv.isClosed()) {
            try {
                Socket s = fakeDlv.accept();
                fakeDlvConnections.incrementAndGet();
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        byte[] buf = new byte[1024];
                        for (int n; (n = s.getInputStream().read(buf)) != -1; ) {
                            fakeDlvBytes.addAndGet(n);
                            s.getOutputStream().write(buf, 0, n);
                        }
                    } catch (IOException ignored) {
                        // peer went away
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private String token(DebugTool tool) {
        return signer.sign(OrderToken.issue("gw", "node-7", "svc/0", "s1", "alice", tool, Clock.systemUTC(), Duration.ofMinutes(1)));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(relay.address(), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    @Test
    void aVerifiedConnectionGetsOkThenBytesFlowBothWaysIncludingPipelinedOnes() throws Exception {
        try (Socket socket = connect()) {
            // The first request rides in the same write as the preface: it must arrive after OK, intact.
            byte[] preface = RelayPreface.request(token(DebugTool.DLV));
            byte[] rpc = "{\"method\":\"RPCServer.GetVersion\",\"params\":[{}],\"id\":1}\n".getBytes(StandardCharsets.US_ASCII);
            byte[] both = new byte[preface.length + rpc.length];
            System.arraycopy(preface, 0, both, 0, preface.length);
            System.arraycopy(rpc, 0, both, preface.length, rpc.length);
            socket.getOutputStream().write(both);
            assertThat(readLine(socket.getInputStream())).isEqualTo("OK");
            assertThat(readLine(socket.getInputStream())).isEqualTo(new String(rpc, StandardCharsets.US_ASCII).strip());
        }
        assertThat(fakeDlvConnections).hasValue(1);
        assertThat(fakeDlvBytes).hasValue(55);
    }

    @Test
    void refusedPeersNeverGetAConnectionToDlv() throws Exception {
        String used = token(DebugTool.DLV);
        try (Socket first = connect()) {
            first.getOutputStream().write(RelayPreface.request(used));
            assertThat(readLine(first.getInputStream())).isEqualTo("OK");
        }
        String forged = new OrderTokenSigner(Ed25519Keys.generate().getPrivate()).sign(
                OrderToken.issue("gw", "node-7", "svc/0", "s1", "mallory", DebugTool.DLV, Clock.systemUTC(), Duration.ofMinutes(1)));
        assertThat(refusal(RelayPreface.request(used))).startsWith("ERR replayed:");
        assertThat(refusal(RelayPreface.request(forged))).startsWith("ERR bad_signature:");
        assertThat(refusal(RelayPreface.request(token(DebugTool.PPROF)))).startsWith("ERR wrong_tool:");
        assertThat(refusal("{\"method\":\"RPCServer.Detach\",\"params\":[{\"Kill\":true}],\"id\":0}\n"
                .getBytes(StandardCharsets.US_ASCII))).startsWith("ERR malformed preface");
        assertThat(refusal(("DGATE-RELAY/1 " + "x".repeat(RelayPreface.MAX_LINE_BYTES + 10) + "\n")
                .getBytes(StandardCharsets.US_ASCII))).startsWith("ERR malformed preface");
        assertThat(refusal(new byte[0])).startsWith("ERR no preface within PT0.5S");
        assertThat(fakeDlvConnections).as("only the one verified connection reached dlv").hasValue(1);
        assertThat(fakeDlvBytes).hasValue(0);
    }

    @Test
    void withoutARunningDlvTheRelaySaysSo() throws Exception {
        attachment.set(Optional.empty());
        assertThat(refusal(RelayPreface.request(token(DebugTool.DAP)))).isEqualTo("ERR dlv is not running: POST /v1/dlv/attach first");
    }

    private String refusal(byte[] firstBytes) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(firstBytes);
            String line = readLine(socket.getInputStream());
            assertThat(socket.getInputStream().read()).as("closed after ERR").isEqualTo(-1);
            return line;
        }
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
