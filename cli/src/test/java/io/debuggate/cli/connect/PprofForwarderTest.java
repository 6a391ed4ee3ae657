package io.debuggate.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.debuggate.cli.api.BearerTokens;
import io.debuggate.cli.config.GatewayAddress;
import io.debuggate.cli.testing.FakeGateway;
import io.debuggate.cli.testing.GoTools;
import io.debuggate.cli.testing.RelayToDemo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code go tool pprof} reads real profiles from a real Go program through the
 * forwarder; the gateway between them is a fake that checks the bearer token and relays.
 */
class PprofForwarderTest {

    static final String SESSION = "dr-5f2c0a9e41b7d3c8";
    static final String TOKEN = "token-alice";

    static GoTools.Demo demo;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    FakeGateway gateway;
    PprofForwarder forwarder;
    final List<String> events = new CopyOnWriteArrayList<>();

    @TempDir
    Path work;

    @BeforeAll
    static void startGoProgram() throws Exception {
        demo = GoTools.Demo.start();
    }

    @AfterAll
    static void stopGoProgram() {
        if (demo != null) {
            demo.close();
        }
    }

    @BeforeEach
    void start() throws IOException {
        gateway = new FakeGateway();
        gateway.on("GET", "/api/sessions/" + SESSION + "/pprof/*", PprofForwarderTest::relayToDemo);
        forwarder = forwarderWith(fixedToken(TOKEN));
    }

    @AfterEach
    void stop() {
        forwarder.close();
        gateway.close();
    }

    PprofForwarder forwarderWith(BearerTokens tokens) {
        return PprofForwarder.start(0, HTTP, new SessionRoutes(GatewayAddress.parse(gateway.url()), SESSION), tokens, events::add);
    }

    @Test
    void realGoToolPprofReadsTheHeapProfileThroughTheForwarder() throws Exception {
        GoTools.ProcessResult result = GoTools.pprof(work, "-top", forwarder.baseUrl() + "heap");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Type: inuse_space").contains("Showing nodes accounting for");
        assertThat(gateway.recorded("/api/sessions/" + SESSION + "/pprof/heap")).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("pprof GET /debug/pprof/heap -> "));
    }

    @Test
    void realGoToolPprofSeesTheProgramsGoroutines() throws Exception {
        GoTools.ProcessResult result = GoTools.pprof(work, "-top", forwarder.baseUrl() + "goroutine");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Type: goroutine").contains("main.park");
    }

    @Test
    void textProfilesAndTheirHeadersComeThroughUnchanged() throws Exception {
        HttpResponse<String> text = HTTP.send(HttpRequest.newBuilder(URI.create(forwarder.baseUrl() + "goroutine?debug=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> binary = HTTP.send(HttpRequest.newBuilder(URI.create(forwarder.baseUrl() + "heap")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(text.body()).startsWith("goroutine profile: total").contains("main.park");
        assertThat(gateway.recorded("/api/sessions/" + SESSION + "/pprof/goroutine")).singleElement()
                .satisfies(r -> assertThat(r.pathAndQuery()).endsWith("/pprof/goroutine?debug=1"));
        assertThat(binary.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"heap\"");
        assertThat(binary.body()[0] & 0xff).as("gzip magic of a binary profile").isEqualTo(0x1f);
        assertThat(binary.body()[1] & 0xff).isEqualTo(0x8b);
    }

    @Test
    void goToolPprofPrintsTheTargetsOwnErrorBecauseXGoPprofIsPassed() throws Exception {
        GoTools.ProcessResult result = GoTools.pprof(work, "-top", forwarder.baseUrl() + "nosuchprofile");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("404").contains("Unknown profile");
    }

    @Test
    void aGatewayRefusalReachesGoToolPprofAsLegibleText() throws Exception {
        gateway.on("GET", "/api/sessions/" + SESSION + "/pprof/cmdline", FakeGateway.answerProblem(403,
                "{\"title\":\"Refused by rule pprof.cmdline\",\"status\":403,\"detail\":\"profile cmdline is not allowed in mode pprof\",\"rule\":\"pprof.cmdline\"}"));

        GoTools.ProcessResult result = GoTools.pprof(work, "-top", forwarder.baseUrl() + "cmdline");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("403").contains("profile cmdline is not allowed in mode pprof");
        assertThat(events).anySatisfy(e -> assertThat(e).contains("refused by the gateway: 403 profile cmdline is not allowed"));
    }

    @Test
    void theBodyIsStreamedNotBufferedWhole() throws Exception {
        CountDownLatch clientGotFirstChunk = new CountDownLatch(1);
        byte[] chunk = new byte[256 * 1024];
        gateway.on("GET", "/api/sessions/" + SESSION + "/pprof/trace", (exchange, body) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(chunk);
                out.flush();
                // The rest is sent only once the client holds the first chunk: a forwarder that
                // buffers the whole body before answering would wait here forever.
                if (!clientGotFirstChunk.await(20, TimeUnit.SECONDS)) {
                    throw new IOException("client never saw the first chunk: the forwarder buffers");
                }
                for (int i = 0; i < 40; i++) {
                    out.write(chunk);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(forwarder.baseUrl() + "trace?seconds=1")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long total;
        try (InputStream in = response.body()) {
            byte[] first = in.readNBytes(chunk.length);
            assertThat(first).hasSize(chunk.length);
            clientGotFirstChunk.countDown();
            total = first.length + in.transferTo(OutputStream.nullOutputStream());
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(total).isEqualTo(41L * chunk.length);
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheFetchRetried() throws Exception {
        forwarder.close();
        List<String> rejected = new CopyOnWriteArrayList<>();
        forwarder = forwarderWith(staleTokenRenewedTo(TOKEN, rejected));
        List<Integer> gatewayCallerPorts = new CopyOnWriteArrayList<>();
        gateway.on("GET", "/api/sessions/" + SESSION + "/pprof/heap", (exchange, body) -> {
            gatewayCallerPorts.add(exchange.getRemoteAddress().getPort());
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                // as Spring Security's resource server says it; the client must not try to answer the challenge itself
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"Jwt expired\"");
                FakeGateway.send(exchange, 401, "application/problem+json", "{\"status\":401,\"detail\":\"token expired\"}");
                return;
            }
            relayToDemo(exchange, body);
        });

        GoTools.ProcessResult result = GoTools.pprof(work, "-top", forwarder.baseUrl() + "heap");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(rejected).containsExactly("stale");
        assertThat(gateway.recorded("/api/sessions/")).hasSize(2);
        assertThat(Set.copyOf(gatewayCallerPorts)).as("the retry went over the connection of the 401").hasSize(1);
    }

    @Test
    void aSymbolLookupIsPostedWithItsBodyAgainAfterARenewal() throws Exception {
        forwarder.close();
        forwarder = forwarderWith(staleTokenRenewedTo(TOKEN, new CopyOnWriteArrayList<>()));
        gateway.on("POST", "/api/sessions/" + SESSION + "/pprof/symbol", (exchange, body) -> {
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                FakeGateway.send(exchange, 401, "application/problem+json", "{\"status\":401,\"detail\":\"token expired\"}");
                return;
            }
            FakeGateway.send(exchange, 200, "text/plain; charset=utf-8", "num_symbols: 1\n" + body.strip() + " main.park\n");
        });

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(forwarder.baseUrl() + "symbol"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("0x4a1b2c")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("num_symbols: 1\n0x4a1b2c main.park\n");
        assertThat(gateway.recorded("/api/sessions/" + SESSION + "/pprof/symbol")).hasSize(2)
                .allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"))
                .allSatisfy(r -> assertThat(r.body()).isEqualTo("0x4a1b2c"))
                .allSatisfy(r -> assertThat(r.header("Content-Type")).isEqualTo("text/plain"));
    }

    @Test
    void successiveFetchesReuseOneConnectionToTheGateway() throws Exception {
        List<Integer> gatewayCallerPorts = new CopyOnWriteArrayList<>();
        gateway.on("GET", "/api/sessions/" + SESSION + "/pprof/*", (exchange, body) -> {
            gatewayCallerPorts.add(exchange.getRemoteAddress().getPort());
            relayToDemo(exchange, body);
        });

        for (String profile : List.of("heap", "goroutine?debug=1", "nosuchprofile", "heap")) {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(forwarder.baseUrl() + profile)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(profile).isEqualTo(profile.equals("nosuchprofile") ? 404 : 200);
        }

        assertThat(gatewayCallerPorts).hasSize(4);
        assertThat(Set.copyOf(gatewayCallerPorts)).as("one keep-alive connection, an error answer included").hasSize(1);
    }

    @Test
    void aClientThatHangsUpEndsTheStreamFromTheGateway() throws Exception {
        CompletableFuture<IOException> gatewayWriteFailed = new CompletableFuture<>();
        byte[] chunk = new byte[64 * 1024];
        gateway.on("GET", "/api/sessions/" + SESSION + "/pprof/trace", (exchange, body) -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                // Endless unless the forwarder drops the connection once its own client is gone.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                gatewayWriteFailed.complete(e);
                throw e;
            }
        });

        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(forwarder.baseUrl() + "trace?seconds=30")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            assertThat(in.readNBytes(chunk.length)).hasSize(chunk.length);
        }

        assertThat(gatewayWriteFailed.get(20, TimeUnit.SECONDS)).isNotNull();
        // The forwarder reports the abort after its write to the gateway's socket failed: wait for it, not race it.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events).anySatisfy(e -> assertThat(e).startsWith("pprof /debug/pprof/trace aborted: ")));
    }

    @Test
    void pathsOutsideDebugPprofAndTraversalsAreRefusedLocally() throws Exception {
        for (String path : List.of("/api/whoami", "/debug/pprof/../../api/whoami", "/debug/pprof/%2e%2e/x",
                "/debug/pprof/heap/extra", "/debug/pprof/%252e%252e", "/debug/pprof/..", "/")) {
            assertThat(RawHttp.status(forwarder.port(), "GET " + path + " HTTP/1.1")).as(path).isEqualTo(404);
        }
        assertThat(RawHttp.status(forwarder.port(), "DELETE /debug/pprof/heap HTTP/1.1")).isEqualTo(405);
        assertThat(RawHttp.status(forwarder.port(), "POST /debug/pprof/heap HTTP/1.1")).isEqualTo(405);
        assertThat(gateway.recorded()).as("nothing may reach the gateway").isEmpty();
    }

    @Test
    void anUnreachableGatewayIsA502ThatSaysSo() throws Exception {
        forwarder.close();
        gateway.close();
        forwarder = forwarderWith(fixedToken(TOKEN));

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(forwarder.baseUrl() + "heap")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("X-Go-Pprof")).contains("1");
        assertThat(response.body()).contains("cannot reach the gateway at " + gateway.url());
    }

    @Test
    void itListensOnLoopbackOnlyAndPrintsReadyCommands() {
        assertThat(forwarder.usage()).contains("go tool pprof http://127.0.0.1:" + forwarder.port() + "/debug/pprof/heap",
                "go tool pprof -http=: http://127.0.0.1:" + forwarder.port() + "/debug/pprof/goroutine");
        assertThat(forwarder.tool()).isEqualTo(Tool.PPROF);
    }

    static BearerTokens fixedToken(String token) {
        return new BearerTokens() {
            @Override
            public String current() {
                return token;
            }

            @Override
            public String renewAfterRejection(String rejected) {
                throw new io.debuggate.cli.DgateException("session expired: run dgate login");
            }
        };
    }

    /** What the gateway's pprof route does, minus policy: check the token, relay to the target, stream back. */
    static void relayToDemo(HttpExchange exchange, String body) throws IOException {
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            FakeGateway.send(exchange, 401, "application/problem+json", "{\"status\":401,\"detail\":\"bad token\"}");
            return;
        }
        RelayToDemo.relay(exchange, demo.baseUrl(), "/api/sessions/" + SESSION + "/pprof/");
    }

    /** Tokens that start out stale and renew to {@code fresh}, noting each rejected token. */
    private static BearerTokens staleTokenRenewedTo(String fresh, List<String> rejected) {
        return new BearerTokens() {
            @Override
            public String current() {
                return "stale";
            }

            @Override
            public String renewAfterRejection(String token) {
                rejected.add(token);
                return fresh;
            }
        };
    }
}
