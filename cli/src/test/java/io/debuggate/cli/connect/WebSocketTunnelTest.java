package io.debuggate.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debuggate.cli.config.GatewayAddress;
import io.debuggate.cli.testing.EchoServer;
import io.debuggate.cli.testing.GoTools;
import io.debuggate.cli.testing.HeadlessDlv;
import io.debuggate.cli.testing.MiniWebSocketRelay;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local TCP connections carried over WebSockets to a relay that stands where the gateway will. */
class WebSocketTunnelTest {

    static final String SESSION = "dr-7";
    static final String TOKEN = "token-alice";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Not the common pool: on 2 cores it has one thread, and these tasks block on sockets. */
    static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    final List<String> events = new CopyOnWriteArrayList<>();
    WebSocketTunnel tunnel;

    @TempDir
    Path work;

    @AfterEach
    void stop() {
        if (tunnel != null) {
            tunnel.close();
        }
    }

    WebSocketTunnel tunnelTo(MiniWebSocketRelay relay, String token) {
        return WebSocketTunnel.start(Tool.DLV, 0, new SessionRoutes(GatewayAddress.parse(relay.url()), SESSION),
                PprofForwarderTest.fixedToken(token), events::add);
    }

    @Test
    void bytesTravelBothWaysUnchangedAndTheTokenIsSent() throws Exception {
        try (EchoServer echo = new EchoServer();
             MiniWebSocketRelay relay = new MiniWebSocketRelay("/api/sessions/" + SESSION + "/tunnel/dlv", TOKEN, echo.address())) {
            tunnel = tunnelTo(relay, TOKEN);
            byte[] payload = new byte[3 * 1024 * 1024];
            new Random(42).nextBytes(payload);

            byte[] back = roundTrip(payload);

            assertThat(back).isEqualTo(payload);
            assertThat(relay.seenAuthorizations()).containsExactly("Bearer " + TOKEN);
        }
    }

    @Test
    void eachLocalConnectionGetsItsOwnWebSocket() throws Exception {
        try (EchoServer echo = new EchoServer();
             MiniWebSocketRelay relay = new MiniWebSocketRelay("/api/sessions/" + SESSION + "/tunnel/dlv", TOKEN, echo.address())) {
            tunnel = tunnelTo(relay, TOKEN);

            CompletableFuture<byte[]> a = CompletableFuture.supplyAsync(() -> roundTripUnchecked("first client".getBytes(StandardCharsets.UTF_8)), THREADS);
            CompletableFuture<byte[]> b = CompletableFuture.supplyAsync(() -> roundTripUnchecked("second client".getBytes(StandardCharsets.UTF_8)), THREADS);

            assertThat(new String(a.get(), StandardCharsets.UTF_8)).isEqualTo("first client");
            assertThat(new String(b.get(), StandardCharsets.UTF_8)).isEqualTo("second client");
            assertThat(relay.seenAuthorizations()).hasSize(2);
        }
    }

    @Test
    void aRefusedTunnelClosesTheLocalConnectionAndSaysWhy() throws Exception {
        try (EchoServer echo = new EchoServer();
             MiniWebSocketRelay relay = new MiniWebSocketRelay("/api/sessions/" + SESSION + "/tunnel/dlv", TOKEN, echo.address())) {
            tunnel = tunnelTo(relay, "someone-elses-token");

            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tunnel.port())) {
                socket.setSoTimeout(10_000);
                assertThat(socket.getInputStream().read()).as("closed without data").isEqualTo(-1);
            }
            assertThat(events).anySatisfy(e -> assertThat(e).contains("dlv: the gateway refused the tunnel: HTTP 403"));
        }
    }

    @Test
    void aCutByTheGatewayClosesTheLocalConnectionAndShowsTheReason() throws Exception {
        try (EchoServer echo = new EchoServer();
             MiniWebSocketRelay relay = new MiniWebSocketRelay("/api/sessions/" + SESSION + "/tunnel/dlv", TOKEN, echo.address())) {
            tunnel = tunnelTo(relay, TOKEN);
            relay.cutNextWith("grant revoked by carol");

            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tunnel.port())) {
                socket.setSoTimeout(10_000);
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(events).anySatisfy(e -> assertThat(e).contains("the gateway closed the tunnel (4001 grant revoked by carol)")));
        }
    }

    @Test
    void realDlvConnectWorksThroughTheTunnelAndTheTargetKeepsRunning() throws Exception {
        try (GoTools.Demo demo = GoTools.Demo.start();
             HeadlessDlv dlv = HeadlessDlv.attach(demo.pid());
             MiniWebSocketRelay relay = new MiniWebSocketRelay("/api/sessions/" + SESSION + "/tunnel/dlv", TOKEN, dlv.address())) {
            tunnel = tunnelTo(relay, TOKEN);

            GoTools.ProcessResult session = GoTools.run(List.of(GoTools.dlv().toString(), "connect", "127.0.0.1:" + tunnel.port()),
                    work, Map.of("TERM", "dumb"), 60, "goroutines\nquit -c\n");

            assertThat(session.exitCode()).as(session.output()).isZero();
            assertThat(session.output()).contains("main.park").contains("[chan receive]").containsPattern("\\[\\d+ goroutines\\]");
            dlv.close();
            HttpResponse<String> alive = HTTP.send(HttpRequest.newBuilder(URI.create(demo.baseUrl() + "/debug/pprof/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(alive.statusCode()).as("the target still serves after the session").isEqualTo(200);
        }
    }

    @Test
    void usageNamesTheDlvCommand() throws Exception {
        try (EchoServer echo = new EchoServer();
             MiniWebSocketRelay relay = new MiniWebSocketRelay("/x", TOKEN, echo.address())) {
            tunnel = tunnelTo(relay, TOKEN);
            assertThat(tunnel.usage()).containsExactly("dlv connect 127.0.0.1:" + tunnel.port());
        }
    }

    private byte[] roundTripUnchecked(byte[] payload) {
        try {
            return roundTrip(payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] roundTrip(byte[] payload) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tunnel.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    out.write(payload);
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, THREADS);
            InputStream in = socket.getInputStream();
            byte[] back = in.readNBytes(payload.length);
            writer.get();
            return back;
        }
    }
}
