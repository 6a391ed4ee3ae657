package io.debuggate.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.agent.testsupport.TestBedPii;
import io.debuggate.cli.api.BearerTokens;
import io.debuggate.cli.config.GatewayAddress;
import io.debuggate.cli.connect.ConnectSession;
import io.debuggate.cli.connect.SessionRoutes;
import io.debuggate.cli.connect.Tool;
import io.debuggate.gateway.demo.DemoTargetLauncher;
import io.debuggate.gateway.support.BrowserSession;
import io.debuggate.gateway.support.DlvConnectScript;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.ToolRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The real {@code dlv connect} client, through the real {@code dgate connect} tunnel, the gateway,
 * the agent and a real {@code dlv attach} on the Go test bed.
 */
class DlvConnectThroughGatewayTest extends GatewayIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Autowired
    DemoTargetLauncher demo;

    @TempDir
    Path work;

    @Test
    void interactiveSessionInspectsStepsAndIsMaskedAndTheTargetRunsAfterwards() throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();
        DemoTarget target = demo.current().orElseThrow();
        long pid = target.testBedPid();
        String id = grantedDelveSession(gw, "interactive");
        AtomicBoolean paying = new AtomicBoolean(true);
        Thread payments = Thread.ofVirtual().start(() -> payLoop(target.testBedBaseUri(), paying));
        ConcurrentLinkedQueue<String> tunnelEvents = new ConcurrentLinkedQueue<>();
        try (ConnectSession tunnel = ConnectSession.open(Map.of(Tool.DLV, 0), HTTP,
                new SessionRoutes(GatewayAddress.parse("http://127.0.0.1:" + port), id), tokens(gw, "alice"),
                tunnelEvents::add)) {
            int dlvPort = tunnel.endpoints().getFirst().port();
            ToolRunner.Result run = DlvConnectScript.run(work, dlvPort, List.of(
                    // dlv connect halts the target on connect; everything until continue, and from the
                    // breakpoint to the end, must fit the interactive halt budget (5 s per stop, 10 %
                    // of a minute), or the gateway resumes the target mid-script.
                    "goroutines",
                    "goroutine 1 bt",
                    "print *main.vipCustomer",
                    "call main.customerByID(2)",
                    "break main.handle",
                    "continue",
                    "print c.Mobile",
                    "next",
                    "locals",
                    "clearall",
                    "exit",
                    "n"), 300, 120);
            String out = run.output();
            assertThat(out).as(out).contains("main.main");
            assertThat(out).as("customer record is shown, masked").contains("main.Customer").contains("Zhang Wei");
            for (String secret : TestBedPii.ALL_SENSITIVE_VALUES) {
                assertThat(out).as("raw PII %s in dlv output:\n%s", secret, out).doesNotContain(secret);
            }
            assertThat(out).as(out).contains("denied by policy interactive");
            assertThat(out).as(out).contains("Breakpoint 1 set at");
            assertThat(out).as("continue stopped at the breakpoint:\n" + out).contains("> main.handle()");
        } finally {
            paying.set(false);
            payments.join(5000);
        }
        // The last connection closed: the teardown leaves the target running, untraced, same pid.
        Awaitility.await("target answers after teardown").atMost(Duration.ofSeconds(15)).until(() ->
                status(target.testBedBaseUri().resolve("/healthz")) == 200);
        assertThat(target.testBedPid()).isEqualTo(pid);
        Awaitility.await("dlv detached").atMost(Duration.ofSeconds(15)).until(() -> !target.agent().health().dlvRunning());
        assertThat(tracerPid(pid)).isZero();
    }

    @Test
    void snapshotSessionInspectsARunningTargetAndRefusesToResumeOrStep() throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();
        DemoTarget target = demo.current().orElseThrow();
        String id = grantedDelveSession(gw, "snapshot");
        AtomicBoolean paying = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Thread payments = Thread.ofVirtual().start(() -> timedPayLoop(target.testBedBaseUri(), paying, latencies));
        ConcurrentLinkedQueue<String> tunnelEvents = new ConcurrentLinkedQueue<>();
        try (ConnectSession tunnel = ConnectSession.open(Map.of(Tool.DLV, 0), HTTP,
                new SessionRoutes(GatewayAddress.parse("http://127.0.0.1:" + port), id), tokens(gw, "alice"),
                tunnelEvents::add)) {
            ToolRunner.Result run = DlvConnectScript.run(work, tunnel.endpoints().getFirst().port(), List.of(
                    "goroutines",
                    "print *main.vipCustomer",
                    "continue",
                    "next",
                    "step",
                    "break main.handle",
                    "goroutines -t",
                    "call main.customerByID(2)",
                    "exit",
                    "n"), 700, 120);
            String out = run.output();
            assertThat(out).as(out).contains("main.main").contains("main.Customer");
            for (String secret : TestBedPii.ALL_SENSITIVE_VALUES) {
                assertThat(out).as("raw PII %s in dlv output:\n%s", secret, out).doesNotContain(secret);
            }
            assertThat(out).as(out).contains("denied by policy snapshot: RPCServer.Command continue: Command 'continue' is not allowed")
                    .contains("denied by policy snapshot: RPCServer.Command next")
                    .contains("denied by policy snapshot: RPCServer.Command step")
                    .contains("denied by policy snapshot: RPCServer.Command call");
            assertThat(tunnelEvents).as("the person is told why the target keeps running")
                    .anyMatch(e -> e.contains("snapshot mode halts only while it serves a request"));
            assertThat(out).as(out).contains("Breakpoint 1 set at");
            assertThat(tunnelEvents).as("the breakpoint became a capture: %s", tunnelEvents)
                    .anyMatch(e -> e.contains("made breakpoint 1 a capture"))
                    .anyMatch(e -> e.contains("capture 1 of breakpoint 1 at main.handle"));
        } finally {
            paying.set(false);
            payments.join(5000);
        }
        // The captures: the stack with arguments and locals, masked; the engineer reads them afterwards.
        GatewayClient.Response captures = gw.get("alice", "/api/sessions/" + id + "/captures");
        assertThat(captures.status()).as(captures.body()).isEqualTo(200);
        assertThat(captures.body()).contains("\"function\":\"main.handle\"").contains("\"Arguments\"");
        for (String secret : TestBedPii.ALL_SENSITIVE_VALUES) {
            assertThat(captures.body()).as("raw PII %s in a capture", secret).doesNotContain(secret);
        }
        assertThat(gw.get("bob", "/api/sessions/" + id + "/captures").status()).as("not bob's session").isEqualTo(403);
        String page = BrowserSession.login(URI.create("http://127.0.0.1:" + port), "alice").get("/requests/" + id).body();
        assertThat(page).as("the request page lists the captures").contains("Snapshot captures").contains("main.handle");
        for (String secret : TestBedPii.ALL_SENSITIVE_VALUES) {
            assertThat(page).doesNotContain(secret);
        }
        // The target served payments during the whole session: no request waited for a human.
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("test bed /pay latency during the snapshot session: n=%d median=%d ms p99=%d ms max=%d ms%n",
                sorted.length, sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)], sorted[sorted.length - 1]);
        long worst = sorted[sorted.length - 1];
        assertThat(worst).as("worst /pay latency in ms during the snapshot session").isLessThan(1000);
        Awaitility.await("dlv detached").atMost(Duration.ofSeconds(15)).until(() -> !target.agent().health().dlvRunning());
    }

    static void timedPayLoop(URI testBed, AtomicBoolean paying, ConcurrentLinkedQueue<Long> latencies) {
        while (paying.get()) {
            long start = System.nanoTime();
            try {
                HTTP.send(HttpRequest.newBuilder(testBed.resolve("/pay?customer=2")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                // counted below as a slow request
            }
            latencies.add((System.nanoTime() - start) / 1_000_000);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static String grantedDelveSession(GatewayClient gw, String mode) throws Exception {
        Map<String, Object> body = new HashMap<>(pprofRequest(List.of()));
        body.put("tools", List.of("dlv"));
        body.remove("pprofProfiles");
        body.put("mode", mode);
        GatewayClient.Response created = gw.post("alice", "/api/requests", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(gw.post("bob", "/api/requests/" + id + "/approve", Map.of("comment", "ok")).status()).isEqualTo(200);
        GatewayClient.Response granted = gw.post("carol", "/api/requests/" + id + "/approve", Map.of("comment", "ok"));
        assertThat(granted.body()).contains("GRANTED");
        return id;
    }

    static BearerTokens tokens(GatewayClient gw, String user) {
        String token = gw.token(user);
        return new BearerTokens() {
            @Override
            public String current() {
                return token;
            }

            @Override
            public String renewAfterRejection(String rejected) {
                throw new IllegalStateException("token rejected");
            }
        };
    }

    static void payLoop(URI testBed, AtomicBoolean paying) {
        while (paying.get()) {
            try {
                HTTP.send(HttpRequest.newBuilder(testBed.resolve("/pay?customer=1")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding());
                Thread.sleep(200);
            } catch (Exception e) {
                // halted target: the request times out; keep trying
            }
        }
    }

    static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static long tracerPid(long pid) throws Exception {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("TracerPid:")) {
                return Long.parseLong(line.substring("TracerPid:".length()).trim());
            }
        }
        throw new AssertionError("no TracerPid in /proc/" + pid + "/status");
    }
}
