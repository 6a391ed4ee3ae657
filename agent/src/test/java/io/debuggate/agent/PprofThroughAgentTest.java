package io.debuggate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.agent.client.AgentRefusedException;
import io.debuggate.agent.protocol.AgentHealth;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.OrderTokenSigner;
import io.debuggate.agent.testsupport.GoTestBed;
import io.debuggate.agent.testsupport.RunningAgent;
import io.debuggate.agent.testsupport.TestBedPii;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pprof fetched through a real agent from the real test bed, compared with a direct fetch. */
class PprofThroughAgentTest {

    private static GoTestBed bed;
    private static RunningAgent agent;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        bed = GoTestBed.start();
        agent = RunningAgent.start(bed);
    }

    @AfterAll
    static void stop() {
        agent.close();
        bed.close();
    }

    private static HttpResponse<byte[]> direct(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(bed.pprofBaseUri().resolve("/debug/pprof/" + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> viaAgent(String pathAndQuery) throws Exception {
        HttpResponse<InputStream> response = agent.client().pprof(agent.order(DebugTool.PPROF), pathAndQuery);
        try (InputStream body = response.body()) {
            byte[] bytes = body.readAllBytes();
            return new BytesResponse(response, bytes);
        }
    }

    private static HttpResponse<String> raw(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(agent.baseUri().resolve(path)).method(method,
                HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer(OrderToken order) {
        return "Bearer " + agent.signer().sign(order);
    }

    @Test
    void heapProfileArrivesAsTheTargetServesIt() throws Exception {
        HttpResponse<byte[]> direct = direct("heap");
        HttpResponse<byte[]> relayed = viaAgent("heap");
        assertThat(relayed.statusCode()).isEqualTo(200).isEqualTo(direct.statusCode());
        for (String header : new String[] {"Content-Type", "Content-Disposition", "X-Content-Type-Options"}) {
            assertThat(relayed.headers().firstValue(header)).as(header).isPresent().isEqualTo(direct.headers().firstValue(header));
        }
        assertThat(relayed.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"heap\"");
        assertThat(relayed.body()).startsWith(0x1f, 0x8b);
        byte[] profile = new GZIPInputStream(new java.io.ByteArrayInputStream(relayed.body())).readAllBytes();
        assertThat(new String(profile, StandardCharsets.ISO_8859_1)).contains("alloc_space", "inuse_space");
    }

    @Test
    void goroutineTextMatchesTheDirectAnswerUnmasked() throws Exception {
        HttpResponse<byte[]> direct = direct("goroutine?debug=1");
        HttpResponse<byte[]> relayed = viaAgent("/debug/pprof/goroutine?debug=1");
        assertThat(relayed.statusCode()).isEqualTo(200);
        assertThat(relayed.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8")
                .isEqualTo(direct.headers().firstValue("Content-Type"));
        assertThat(relayed.headers().firstValueAsLong("Content-Length")).as("an answer within one buffer leaves with its length")
                .hasValue(relayed.body().length);
        String text = new String(relayed.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("goroutine profile: total ").contains("main.settle", "main.main")
                // The agent relays bytes as they are: masking is the gateway's job.
                .contains(TestBedPii.LIU_YANG.email());
        assertThat(text.lines().filter(l -> l.startsWith("#\t")).map(l -> l.replaceAll("0x[0-9a-f]+", "")).distinct().count())
                .isGreaterThan(10);
    }

    @Test
    void pprofErrorsIndexAndShortCpuProfilesPassThrough() throws Exception {
        HttpResponse<byte[]> unknown = viaAgent("nosuchprofile");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("X-Go-Pprof")).contains("1");
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("Unknown profile");

        assertThat(new String(viaAgent("").body(), StandardCharsets.UTF_8)).contains("goroutine", "heap", "mutex");

        HttpResponse<byte[]> cpu = viaAgent("profile?seconds=1");
        assertThat(cpu.statusCode()).isEqualTo(200);
        assertThat(cpu.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"profile\"");
        assertThat(cpu.body()).startsWith(0x1f, 0x8b);
    }

    @Test
    void refusedRequestsGet401WithAReasonAndNeverReachTheTarget() throws Exception {
        double reachedBefore = bed.metric("testbed_pprof_requests_total");
        OrderToken valid = agent.order(DebugTool.PPROF);
        OrderTokenSigner mallory = new OrderTokenSigner(Ed25519Keys.generate().getPrivate());
        OrderToken expired = new OrderToken(valid.issuer(), valid.audience(), valid.target(), valid.sessionId(),
                valid.user(), DebugTool.PPROF, Instant.now().minusSeconds(300), Instant.now().minusSeconds(120), "n-exp");
        OrderToken otherAgent = OrderToken.issue(RunningAgent.ISSUER, "agent-elsewhere", RunningAgent.TARGET, "s", "alice",
                DebugTool.PPROF, Clock.systemUTC(), Duration.ofMinutes(1));

        assertUnauthorized(raw("GET", "/v1/pprof/heap", null), "missing");
        assertUnauthorized(raw("GET", "/v1/pprof/heap", "Bearer " + mallory.sign(valid)), "bad_signature");
        assertUnauthorized(raw("GET", "/v1/pprof/heap", bearer(expired)), "expired");
        assertUnauthorized(raw("GET", "/v1/pprof/heap", bearer(otherAgent)), "wrong_audience");
        assertUnauthorized(raw("GET", "/v1/pprof/heap", bearer(agent.order(DebugTool.DLV))), "wrong_tool");
        assertUnauthorized(raw("GET", "/v1/pprof/heap", "Basic YWxpY2U6c2VjcmV0"), "malformed");
        assertThatThrownBy(() -> new io.debuggate.agent.client.AgentClient(agent.baseUri(), mallory).pprof(valid, "heap"))
                .isInstanceOfSatisfying(AgentRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("bad_signature");
                });

        assertThat(raw("POST", "/v1/pprof/heap", bearer(valid)).statusCode()).isEqualTo(405);
        assertThat(raw("GET", "/v1/pprof/heap?seconds=900", bearer(valid)).body()).contains("exceeds the agent's limit");
        assertThat(rawRequestLine("GET /v1/pprof/../../admin/cpu?percent=100 HTTP/1.1", bearer(valid))).startsWith("HTTP/1.1 400");
        assertThat(rawRequestLine("GET /v1/pprof/%2e%2e/%2e%2e/admin/state HTTP/1.1", bearer(valid))).startsWith("HTTP/1.1 400");
        assertThat(rawRequestLine("GET /v1/pprof/heap/../cmdline HTTP/1.1", bearer(valid))).startsWith("HTTP/1.1 400");

        assertThat(bed.metric("testbed_pprof_requests_total")).as("requests that reached the target's pprof")
                .isEqualTo(reachedBefore);
        assertThat(bed.get("/admin/state").body()).contains("\"cpuPercent\":0");
    }

    @Test
    void healthNeedsNoTokenAndUnknownPathsAre404() throws Exception {
        AgentHealth health = agent.client().health();
        assertThat(health).usingRecursiveComparison().ignoringFields("targetState").isEqualTo(new AgentHealth(agent.agentId(),
                RunningAgent.TARGET, bed.pid(), true, false, agent.agent().relayAddress().getPort(), null, false));
        assertThat(health.targetState()).as("read from /proc").isNotBlank();
        assertThat(health.targetServing()).isTrue();
        assertThat(raw("GET", "/v1/other", null).statusCode()).isEqualTo(404);
        assertThat(raw("DELETE", "/v1/health", null).statusCode()).isEqualTo(405);
    }

    private static void assertUnauthorized(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(reason).isEqualTo(401);
        assertThat(response.body()).as(reason).contains("\"error\":\"" + reason + "\"");
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(reason)
                .contains("Bearer error=\"invalid_token\", error_description=\"" + reason + "\"");
    }

    /** A hand-written request, so no client library normalizes the path before the agent sees it. */
    private static String rawRequestLine(String requestLine, String authorization) throws Exception {
        try (Socket socket = new Socket(agent.agent().httpAddress().getAddress(), agent.agent().httpAddress().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((requestLine + "\r\nHost: agent\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record BytesResponse(HttpResponse<InputStream> response, byte[] body) implements HttpResponse<byte[]> {
        @Override public int statusCode() { return response.statusCode(); }
        @Override public HttpRequest request() { return response.request(); }
        @Override public java.util.Optional<HttpResponse<byte[]>> previousResponse() { return java.util.Optional.empty(); }
        @Override public java.net.http.HttpHeaders headers() { return response.headers(); }
        @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return response.sslSession(); }
        @Override public java.net.URI uri() { return response.uri(); }
        @Override public HttpClient.Version version() { return response.version(); }
    }
}
