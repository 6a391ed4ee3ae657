package io.debuggate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.testsupport.TestBedPii;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.gateway.demo.DemoTargetLauncher;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.PprofTestSessions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** pprof through the gateway: bad input refused with a reason, text masked, nothing forwarded blindly. */
class PprofRouteTest extends GatewayIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    DemoTargetLauncher demo;

    @Autowired
    DurableAuditTrail trail;

    private GatewayClient gw;
    private String session;

    @BeforeEach
    void grantedSession() throws Exception {
        awaitDemoTarget();
        gw = gateway();
        session = grantedSession(gw, List.of("heap", "goroutine"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "heap?debug=9, 400",
            "heap?debug=1&debug=1, 400",
            "heap?seconds=abc, 400",
            "heap?seconds=-1, 400",
            "heap?seconds=1e9, 400",
            "heap?seconds=99999999999999999999, 400",
            "heap?unknown=1, 400",
            "nosuchprofile, 403",
            "profile?seconds=5, 403",
            "cmdline, 403",
    })
    void badInputIsRefusedWithAReasonAndNothingIsForwarded(String pathAndQuery, int status) throws Exception {
        double before = pprofRequestsAtTheTarget();
        GatewayClient.Response response = gw.get("alice", "/api/sessions/" + session + "/pprof/" + pathAndQuery);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("\"rule\"");
        assertThat(pprofRequestsAtTheTarget()).as("requests that reached the target's pprof").isEqualTo(before);
    }

    /**
     * Sent byte for byte on a socket (an HTTP client would normalise them): traversal in its
     * spellings, absolute request targets, smuggling and hop-by-hop headers. Each gets a 4xx and
     * none reaches the target.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET /api/sessions/SESSION/pprof/../cmdline HTTP/1.1",
            "GET /api/sessions/SESSION/pprof/%2e%2e/cmdline HTTP/1.1",
            "GET /api/sessions/SESSION/pprof/%2E%2E%2Fcmdline HTTP/1.1",
            "GET /api/sessions/SESSION/pprof/%252e%252e%252fcmdline HTTP/1.1",
            "GET /api/sessions/SESSION/pprof/..%2Fcmdline HTTP/1.1",
            "GET /api/sessions/SESSION/pprof/heap/../../cmdline HTTP/1.1",
            "GET /api/sessions/SESSION/pprof/heap.. HTTP/1.1",
            "GET /api/sessions/SESSION/pprof/http://127.0.0.1:6060/debug/pprof/cmdline HTTP/1.1",
            "GET http://evil.example/api/sessions/SESSION/pprof/cmdline HTTP/1.1",
            "GET /api/sessions/SESSION/pprof/heap?seconds=1%00 HTTP/1.1",
            "GET /api/sessions/SESSION/pprof/heap HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 4",
            "GET /api/sessions/SESSION/pprof/heap HTTP/1.1\r\nTransfer-Encoding: chunked, identity",
            "GET /api/sessions/SESSION/pprof/heap HTTP/1.1\r\nContent-Length: 5",
            "GET /api/sessions/SESSION/pprof/heap HTTP/1.1\r\nConnection: close, Authorization",
            "GET /api/sessions/SESSION/pprof/heap HTTP/1.1\r\nConnection: X-Debuggate-Anything",
    })
    void hostileRequestsAreRefusedAndNothingIsForwarded(String requestHead) throws Exception {
        double before = pprofRequestsAtTheTarget();
        String head = requestHead.replace("SESSION", session);
        String status = rawRequest(head + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + gw.token("alice")
                + "\r\nConnection: close\r\n\r\n");
        int code = Integer.parseInt(status.split(" ")[1]);
        assertThat(code).as(head + " -> " + status).isBetween(400, 499);
        assertThat(pprofRequestsAtTheTarget()).as("requests that reached the target's pprof").isEqualTo(before);
    }

    @Test
    void anEncodedPathTraversalIsRefusedBeforeRouting() throws Exception {
        // Tomcat itself refuses encoded slashes; the request never reaches a handler or an agent.
        assertThat(gw.get("alice", "/api/sessions/" + session + "/pprof/..%2Fcmdline").status()).isEqualTo(400);
        GatewayClient.Response dotted = gw.get("alice", "/api/sessions/" + session + "/pprof/heap..");
        assertThat(dotted.status()).isEqualTo(400);
        assertThat(dotted.json().get("rule").asString()).isEqualTo("bad-path");
    }

    @Test
    void textProfilesAreMaskedWhileStreaming() throws Exception {
        // debug=1 carries the settlement goroutines' pprof labels: the customers' e-mail addresses.
        HttpResponse<String> labels = get("/api/sessions/" + session + "/pprof/goroutine?debug=1");
        assertThat(labels.statusCode()).isEqualTo(200);
        assertThat(labels.headers().firstValue("X-Debuggate-Masked")).hasValue("true");
        assertThat(labels.body()).contains("# labels:").contains("main.settle")
                .as("the e-mail label is there, masked").contains("\"customer_email\":\"email#");
        assertThat(labels.headers().firstValueAsLong("Content-Length")).as("a small masked answer is sent whole, with its length")
                .hasValue(labels.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        // debug=2 (Go's traceback format) goes through the same masking stream.
        HttpResponse<String> stacks = get("/api/sessions/" + session + "/pprof/goroutine?debug=2");
        assertThat(stacks.statusCode()).isEqualTo(200);
        assertThat(stacks.headers().firstValue("X-Debuggate-Masked")).hasValue("true");
        assertThat(stacks.body()).contains("goroutine ").contains("main.settle(");
        for (String value : TestBedPii.ALL_SENSITIVE_VALUES) {
            assertThat(labels.body()).doesNotContain(value);
            assertThat(stacks.body()).doesNotContain(value);
        }
    }

    @Test
    void aSecondCpuProfileOfTheSameTargetGetsA409NamingTheFirst() throws Exception {
        String profiling = grantedSession(gw, List.of("profile"));
        String path = "/api/sessions/" + profiling + "/pprof/profile?seconds=3";
        CompletableFuture<HttpResponse<byte[]>> first = HTTP.sendAsync(authorized(path),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> second = Awaitility.await("the first profile holds the target's CPU-profile slot")
                .atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/sessions/" + profiling + "/pprof/profile?seconds=1"), r -> r.statusCode() == 409);
        assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(second.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 4));
        assertThat(second.body()).contains("a CPU profile of payment-svc/demo-0 is already running for session " + profiling)
                .contains("started by alice").contains("retry after it").contains("\"rule\":\"pprof-slot-busy\"");

        HttpResponse<byte[]> done = first.get();
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body().length).as("a gzipped CPU profile").isGreaterThan(20);
        assertThat(done.body()[0] & 0xff).isEqualTo(0x1f);
        // The client may hold the last byte a moment before the gateway's copy loop sees the end and frees the slot.
        Awaitility.await("the slot is free once the first profile ended").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/sessions/" + profiling + "/pprof/profile?seconds=1").statusCode(), status -> status == 200);

        assertThat(trail.awaitShipped(Duration.ofSeconds(30))).isTrue();
        List<JsonNode> denials = PprofTestSessions.denials(profiling);
        assertThat(denials).as("the 409 is audited as a denial")
                .anyMatch(e -> e.path("debuggate").path("details").path("rule").asString("").equals("pprof-slot-busy"));
    }

    @Test
    void aRevokeEndsTheGrantWhileInUse() throws Exception {
        assertThat(gw.get("alice", "/api/sessions/" + session + "/pprof/heap").status()).isEqualTo(200);
        GatewayClient.Response revoked = gw.post("carol", "/api/requests/" + session + "/revoke",
                Map.of("reason", "incident closed"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("state").asString()).isEqualTo("REVOKED");
        GatewayClient.Response after = gw.get("alice", "/api/sessions/" + session + "/pprof/heap");
        assertThat(after.status()).isEqualTo(403);
        assertThat(after.json().get("rule").asString()).isEqualTo("no-active-grant");
        assertThat(after.json().get("detail").asString()).contains("REVOKED");
    }

    @Test
    void anotherEngineerCannotUseTheSession() throws Exception {
        double before = pprofRequestsAtTheTarget();
        GatewayClient.Response theirs = gw.get("bob", "/api/sessions/" + session + "/pprof/heap");
        assertThat(theirs.status()).isEqualTo(403);
        assertThat(theirs.json().get("rule").asString()).isEqualTo("no-active-grant");
        assertThat(theirs.json().get("detail").asString()).contains("belongs to alice");
        GatewayClient.Response unknown = gw.get("alice", "/api/sessions/dr-nosuchsession/pprof/heap");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("rule").asString()).isEqualTo("unknown-session");
        assertThat(pprofRequestsAtTheTarget()).isEqualTo(before);
    }

    private HttpRequest authorized(String path) {
        return HttpRequest.newBuilder(gw.base().resolve(path)).header("Authorization", "Bearer " + gw.token("alice"))
                .GET().build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(authorized(path), HttpResponse.BodyHandlers.ofString());
    }

    /** The test bed's own count of requests that reached its loopback pprof listener. */
    private double pprofRequestsAtTheTarget() throws Exception {
        URI metrics = demo.current().orElseThrow().testBedBaseUri().resolve("/metrics");
        String body = HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith("testbed_pprof_requests_total ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).orElseThrow();
    }

    /** Sends {@code request} as is and returns the status line. */
    private String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
                line.append((char) b);
            }
            return line.toString().strip();
        }
    }
}
