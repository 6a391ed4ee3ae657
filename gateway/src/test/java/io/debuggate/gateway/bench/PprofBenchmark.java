package io.debuggate.gateway.bench;

import static io.debuggate.gateway.bench.BenchStats.mbps;
import static io.debuggate.gateway.bench.BenchStats.median;
import static io.debuggate.gateway.bench.BenchStats.p99;
import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.cli.config.GatewayAddress;
import io.debuggate.cli.connect.ConnectSession;
import io.debuggate.cli.connect.SessionRoutes;
import io.debuggate.cli.connect.Tool;
import io.debuggate.gateway.demo.DemoTargetLauncher;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.PprofTestSessions;
import io.debuggate.gateway.tunnel.TunnelTestSessions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * pprof through the gateway versus straight from the target's pprof listener, side by side in one
 * run (the machines are noisy; only ratios within one run mean much): throughput of a large body
 * (the test bed's 128 MiB {@code testbed_bulk}, bytes served from memory: the relay's ceiling),
 * throughput of a large real profile ({@code goroutine?debug=2} of 10 000 goroutines, masked),
 * latency of a small one ({@code goroutine?debug=1}, masked), and the gateway's heap. Not a test,
 * and its name keeps it out of the test run. Run with
 * {@code ./mvnw -B -pl gateway verify -Dtest=PprofBenchmark}; numbers go to
 * {@code gateway/target/bench/pprof.txt} and the README.
 *
 * <p>Gateway path: client → gateway (authorize, policy, audit, stream, hash) → agent relay → the
 * target's pprof. dgate path: client → {@code dgate connect}'s port → the same. Direct: client →
 * the target's pprof. The client is the same JDK HttpClient in all three, and the gateway runs in
 * this JVM, so the heap figures are the whole JVM's (the client discards what it reads).
 */
@TestPropertySource(properties = {"debuggate.policy.file=src/test/resources/pprof/pprof-policy.yaml",
        "debuggate.pprof.fetches-per-user=100000", "debuggate.pprof.fetches-per-target=100000",
        "debuggate.health.enabled=false"})
class PprofBenchmark extends GatewayIntegrationTest {

    private static final int LARGE_ROUNDS = 8;
    private static final int LARGE_WARM_UP_ROUNDS = 3;
    private static final int GOROUTINES = 10_000;
    private static final int DUMP_ROUNDS = 20;
    private static final int DUMP_WARM_UP_ROUNDS = 5;
    private static final int SMALL_ROUNDS = 1000;
    /**
     * A gateway in service runs compiled code; a cold one interprets or runs C1's profiling code.
     * 100 rounds left most of the request path below C2's thresholds and added about 4 ms to the
     * median; from 5000 on the median no longer moves.
     */
    private static final int SMALL_WARM_UP_ROUNDS = 5000;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @Autowired
    DemoTargetLauncher demo;

    @Test
    void gatewayVersusDirect() throws Exception {
        awaitDemoTarget();
        DemoTarget target = demo.current().orElseThrow();
        GatewayClient gw = gateway();
        String session = PprofTestSessions.granted(gw, List.of("heap", "goroutine"));
        String token = gw.token("alice");
        URI direct = target.testBedPprofUri().resolve("/debug/pprof/");
        URI gateway = URI.create("http://127.0.0.1:" + port + "/api/sessions/" + session + "/pprof/");
        StringBuilder report = new StringBuilder();
        try (ConnectSession tunnel = ConnectSession.open(Map.of(Tool.PPROF, 0), HTTP,
                new SessionRoutes(GatewayAddress.parse("http://127.0.0.1:" + port), session),
                TunnelTestSessions.tokens(gw, "alice"), e -> { })) {
            URI dgate = URI.create("http://127.0.0.1:" + tunnel.endpoints().getFirst().port() + "/debug/pprof/");

            // Same bytes on every path.
            String directSha = sha256(direct.resolve("testbed_bulk"), null);
            assertThat(sha256(gateway.resolve("testbed_bulk"), token)).isEqualTo(directSha);
            assertThat(sha256(dgate.resolve("testbed_bulk"), null)).isEqualTo(directSha);

            // Warm first, as a gateway in service is: the large rounds used to run on a gateway that
            // had served three fetches, with the copy loops still in C1's profiling code. The small
            // fetches are measured before the large bodies and the goroutine dumps churn the heap.
            Paired small = paired(direct.resolve("goroutine?debug=1"), gateway.resolve("goroutine?debug=1"), token,
                    SMALL_WARM_UP_ROUNDS, SMALL_ROUNDS);
            for (int i = 0; i < LARGE_WARM_UP_ROUNDS; i++) {
                drain(direct.resolve("testbed_bulk"), null);
                drain(gateway.resolve("testbed_bulk"), token);
                drain(dgate.resolve("testbed_bulk"), null);
            }
            long heapBefore = usedAfterGc();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong peak = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long[] dl = new long[LARGE_ROUNDS];
            long[] gl = new long[LARGE_ROUNDS];
            long[] tl = new long[LARGE_ROUNDS];
            long bytes = drain(direct.resolve("testbed_bulk"), null);
            for (int i = 0; i < LARGE_ROUNDS; i++) { // interleaved, so drift hits every path alike
                for (int turn = 0; turn < 3; turn++) { // and each path first in a third of the rounds
                    int path = (i + turn) % 3;
                    long t = System.nanoTime();
                    long got = switch (path) {
                        case 0 -> drain(direct.resolve("testbed_bulk"), null);
                        case 1 -> drain(gateway.resolve("testbed_bulk"), token);
                        default -> drain(dgate.resolve("testbed_bulk"), null);
                    };
                    long nanos = System.nanoTime() - t;
                    assertThat(got).isEqualTo(bytes);
                    (path == 0 ? dl : path == 1 ? gl : tl)[i] = nanos;
                }
            }
            running.set(false);
            sampler.join();
            long heapAfter = usedAfterGc();

            // A real large profile: the goroutine dump of a service with 10 000 goroutines, text, so
            // the gateway masks it while streaming. Here Go's own work sets the pace, as in service.
            HTTP.send(HttpRequest.newBuilder(target.testBedBaseUri().resolve("/admin/leak?n=" + GOROUTINES)).build(),
                    HttpResponse.BodyHandlers.discarding());
            Paired dump;
            try {
                dump = paired(direct.resolve("goroutine?debug=2"), gateway.resolve("goroutine?debug=2"), token,
                        DUMP_WARM_UP_ROUNDS, DUMP_ROUNDS);
            } finally {
                HTTP.send(HttpRequest.newBuilder(target.testBedBaseUri().resolve("/admin/leak?release=1")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            assertThat(dump.gatewayBytes()).isGreaterThan(1_000_000);

            report.append(String.format("large body: testbed_bulk, %d bytes, %d rounds interleaved, each path first in some"
                    + " (median)%n", bytes, LARGE_ROUNDS));
            report.append(String.format("  direct   %7.1f MB/s  (%d ms)%n", mbps(bytes, median(dl)), median(dl) / 1_000_000));
            report.append(String.format("  gateway  %7.1f MB/s  (%d ms)  %.2fx direct%n", mbps(bytes, median(gl)),
                    median(gl) / 1_000_000, (double) median(dl) / median(gl)));
            report.append(String.format("  dgate    %7.1f MB/s  (%d ms)  %.2fx direct%n", mbps(bytes, median(tl)),
                    median(tl) / 1_000_000, (double) median(dl) / median(tl)));
            report.append(String.format("heap of this JVM (gateway, agent, client): used after GC %d MiB before,"
                    + " %d MiB after the large rounds; peak used during them %d MiB (max %d MiB)%n",
                    heapBefore >> 20, heapAfter >> 20, peak.get() >> 20, MEMORY.getHeapMemoryUsage().getMax() >> 20));
            report.append(String.format("large profile: goroutine?debug=2 of %d leaked goroutines (%d bytes direct, %d masked"
                    + " via gateway), %d rounds interleaved (median)%n", GOROUTINES, dump.directBytes(), dump.gatewayBytes(),
                    DUMP_ROUNDS));
            report.append(String.format("  direct   %7.1f MB/s  (%d ms)%n", mbps(dump.directBytes(), dump.directMedian()),
                    dump.directMedian() / 1_000_000));
            report.append(String.format("  gateway  %7.1f MB/s  (%d ms)  %.2fx direct%n", mbps(dump.gatewayBytes(), dump.gatewayMedian()),
                    dump.gatewayMedian() / 1_000_000, (double) dump.directMedian() / dump.gatewayMedian()));
            report.append(String.format("small body: goroutine?debug=1 (%d bytes direct, %d masked via gateway), %d rounds"
                    + " interleaved%n", small.directBytes(), small.gatewayBytes(), SMALL_ROUNDS));
            report.append(String.format("  direct   median %6d us  p99 %6d us%n", small.directMedian() / 1000, p99(small.direct()) / 1000));
            report.append(String.format("  gateway  median %6d us  p99 %6d us%n", small.gatewayMedian() / 1000, p99(small.gateway()) / 1000));
            report.append(String.format("  added    median %6d us%n", (small.gatewayMedian() - small.directMedian()) / 1000));
        }
        Path out = Path.of("target/bench/pprof.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** Nanoseconds per fetch on each path, and the bytes of the last fetch on each. */
    private record Paired(long[] direct, long[] gateway, long directBytes, long gatewayBytes) {
        long directMedian() {
            return median(direct);
        }

        long gatewayMedian() {
            return median(gateway);
        }
    }

    /**
     * Fetches the same profile straight and through the gateway, alternately, each first in half
     * the rounds, so drift and whatever one fetch leaves behind hit both alike.
     */
    private static Paired paired(URI direct, URI gateway, String token, int warmUpRounds, int rounds)
            throws IOException, InterruptedException {
        long[] d = new long[rounds];
        long[] g = new long[rounds];
        long directBytes = 0;
        long gatewayBytes = 0;
        for (int i = -warmUpRounds; i < rounds; i++) {
            long directNanos = 0;
            long gatewayNanos = 0;
            for (boolean gatewayTurn : (i & 1) == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                long t = System.nanoTime();
                if (gatewayTurn) {
                    gatewayBytes = drain(gateway, token);
                    gatewayNanos = System.nanoTime() - t;
                } else {
                    directBytes = drain(direct, null);
                    directNanos = System.nanoTime() - t;
                }
            }
            if (i >= 0) {
                d[i] = directNanos;
                g[i] = gatewayNanos;
            }
        }
        return new Paired(d, g, directBytes, gatewayBytes);
    }

    private static long drain(URI uri, String token) throws IOException, InterruptedException {
        try (InputStream in = open(uri, token)) {
            byte[] buf = new byte[1 << 16];
            long n = 0;
            for (int r; (r = in.read(buf)) >= 0; ) {
                n += r;
            }
            return n;
        }
    }

    private static String sha256(URI uri, String token) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = open(uri, token)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) >= 0; ) {
                sha.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static InputStream open(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body = new String(response.body().readAllBytes());
            throw new IOException(uri + " -> " + response.statusCode() + ": " + body);
        }
        return response.body();
    }

    private static long usedAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        return MEMORY.getHeapMemoryUsage().getUsed();
    }}
