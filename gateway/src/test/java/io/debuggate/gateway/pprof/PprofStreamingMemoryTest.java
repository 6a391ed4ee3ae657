package io.debuggate.gateway.pprof;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.testsupport.GoTestBed;
import io.debuggate.gateway.support.ChildAgent;
import io.debuggate.gateway.support.ChildGateway;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.PprofTestSessions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A profile twice the size of the gateway's whole heap passes through it byte for byte: the
 * gateway runs as a child JVM with {@code -Xmx64m} (and dies on OutOfMemoryError), its agent as
 * another, as in production; the test bed serves 128 MiB of deterministic bytes as
 * {@code /debug/pprof/testbed_bulk}, allowed by the test policy. The sha256 the client computes,
 * the target's own and the one in the audit trail must all agree.
 */
class PprofStreamingMemoryTest {

    private static final String HEAP = "-Xmx64m";
    private static final long BULK_BYTES = 128L << 20;
    private static final Path POLICY = Path.of("src/test/resources/pprof/pprof-policy.yaml").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @Test
    void aProfileLargerThanTheGatewayHeapStreamsThroughByteForByte() throws Exception {
        Path gatewayKey = ChildGateway.orderSigningKey(home);
        try (GoTestBed bed = GoTestBed.start();
             ChildAgent agent = ChildAgent.start("agent-pprof-streaming", bed.pid(), bed.pprofBaseUri().toString(),
                     gatewayKey, Path.of("target/pprof-streaming-agent.log"));
             ChildGateway gateway = ChildGateway.start(home, List.of(HEAP, "-XX:+ExitOnOutOfMemoryError"),
                     "agent-pprof-streaming", agent.port(), Map.of("debuggate.policy.file", POLICY.toString()),
                     Path.of("target/pprof-streaming-gateway.log"))) {
            long maxHeap = heapBytes(gateway.base(), "jvm_memory_max_bytes");
            assertThat(maxHeap).as("the child gateway's heap limit").isPositive().isLessThanOrEqualTo(64L << 20);

            GatewayClient gw = new GatewayClient(gateway.base());
            String session = PprofTestSessions.granted(gw, List.of("heap"));

            String direct = sha256(HTTP.send(HttpRequest.newBuilder(bed.pprofBaseUri().resolve("/debug/pprof/testbed_bulk"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream()).body(), new long[1]);

            AtomicBoolean streaming = new AtomicBoolean(true);
            AtomicLong peakUsed = new AtomicLong();
            // A platform thread: the test bed's output readers can hold this JVM's few virtual-thread carriers.
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (streaming.get()) {
                    try {
                        peakUsed.accumulateAndGet(heapBytes(gateway.base(), "jvm_memory_used_bytes"), Math::max);
                        Thread.sleep(250);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            HttpResponse<InputStream> response = gw.stream("alice", "/api/sessions/" + session + "/pprof/testbed_bulk");
            if (response.statusCode() != 200) {
                throw new AssertionError("status " + response.statusCode() + ": " + new String(response.body().readAllBytes()));
            }
            assertThat(response.headers().firstValue("X-Debuggate-Masked")).hasValue("false");
            long[] received = new long[1];
            long started = System.nanoTime();
            String viaGateway = sha256(response.body(), received);
            long millis = (System.nanoTime() - started) / 1_000_000;
            streaming.set(false);
            sampler.join(5000);
            System.out.printf("pprof streaming: %d bytes through a %s gateway in %d ms; peak gateway heap used %d MiB"
                    + " (max %d MiB)%n", received[0], HEAP, millis, peakUsed.get() >> 20, maxHeap >> 20);

            assertThat(received[0]).isEqualTo(BULK_BYTES);
            assertThat(viaGateway).as("sha256 through the gateway equals the target's").isEqualTo(direct);
            assertThat(gateway.process().isAlive()).as("the gateway survived (no OutOfMemoryError)").isTrue();

            Awaitility.await("the completed fetch is in the audit trail").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !PprofTestSessions.completedFetches(session).isEmpty());
            JsonNode details = PprofTestSessions.completedFetches(session).getFirst().path("debuggate").path("details");
            assertThat(details.path("sha256").asString()).isEqualTo(direct);
            assertThat(details.path("bytes").asLong()).isEqualTo(BULK_BYTES);
        }
    }

    /** Sum of a heap gauge over the heap pools, from the gateway's Prometheus endpoint (pools without a max say -1). */
    private static long heapBytes(URI gateway, String metric) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(gateway.resolve("/actuator/prometheus")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(metric + "{") && l.contains("area=\"heap\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .filter(v -> v > 0).sum();
    }

    private static String sha256(InputStream in, long[] count) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                sha.update(buf, 0, n);
                count[0] += n;
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

}
