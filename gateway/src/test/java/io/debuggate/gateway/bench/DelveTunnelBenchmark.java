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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Added latency and throughput of the Delve tunnel, gateway path versus a direct connection to
 * the same dlv, measured side by side in one run (the machines are noisy; only ratios within one
 * run mean anything). Not a test, and its name keeps it out of the test run. Run with
 * {@code ./mvnw -B -pl gateway verify -Dtest=DelveTunnelBenchmark}; numbers go to
 * {@code gateway/target/bench/delve-tunnel.txt} and the README.
 *
 * <p>Gateway path: a raw JSON-RPC client → {@code dgate connect}'s local port → WebSocket →
 * gateway (parse, policy, audit, mask, re-serialize) → agent relay → dlv. Direct: client → dlv.
 */
// The default interactive budget (5 s per stop) would resume the target between rounds, and the
// benchmark keeps it halted on purpose, so it runs with a policy whose budget allows that.
@TestPropertySource(properties = {"debuggate.policy.file=src/test/resources/bench/bench-policy.yaml",
        // held halted for a minute, the test bed stops answering /metrics and its breakers would (rightly) cut the session
        "debuggate.health.enabled=false"})
class DelveTunnelBenchmark extends GatewayIntegrationTest {

    private static final int SMALL_ROUNDS = 5000;
    /**
     * A gateway in service runs compiled code. 300 warm-up rounds left the per-message path in
     * C1's profiling code and doubled the gateway's part of a small RPC; 10 000 reach C2.
     */
    private static final int WARM_UP_ROUNDS = 10_000;
    private static final String STATE = "{\"NonBlocking\":true}";
    /**
     * dlv's own time to build the list moves by tens of milliseconds from one call to the next,
     * on both paths alike, more than all the gateway adds; with 10 rounds the median ratio of one
     * run moved by about ±0.05 from that alone.
     */
    private static final int LARGE_ROUNDS = 30;
    private static final int GOROUTINES = 10_000;

    @Autowired
    DemoTargetLauncher demo;

    @Test
    void gatewayVersusDirect() throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();
        DemoTarget target = demo.current().orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        String session = io.debuggate.gateway.tunnel.TunnelTestSessions.grantedDelveSession(gw, "interactive");
        StringBuilder report = new StringBuilder();
        try (ConnectSession tunnel = ConnectSession.open(Map.of(Tool.DLV, 0), http,
                new SessionRoutes(GatewayAddress.parse("http://127.0.0.1:" + port), session),
                io.debuggate.gateway.tunnel.TunnelTestSessions.tokens(gw, "alice"), e -> { })) {
            int tunnelPort = tunnel.endpoints().getFirst().port();
            try (Rpc viaGateway = new Rpc(new InetSocketAddress("127.0.0.1", tunnelPort))) {
                viaGateway.call("State", "{\"NonBlocking\":true}"); // attaches dlv through the gateway
                InetSocketAddress dlvApi = target.agent().dlv().orElseThrow().apiAddress();
                try (Rpc direct = new Rpc(dlvApi)) {
                    String listGoroutines = "{\"Start\":0,\"Count\":" + (GOROUTINES + 100)
                            + ",\"Filters\":null,\"GroupBy\":0,\"GroupByKey\":\"\",\"MaxGroupMembers\":0,\"MaxGroups\":0}";
                    // Warm-up while the target runs (a halt may last only a minute): the code paths are the same.
                    for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                        direct.call("State", STATE);
                        viaGateway.call("State", STATE);
                        direct.call("GetVersion", "{}");
                        viaGateway.call("GetVersion", "{}");
                    }
                    viaGateway.call("Command", "{\"name\":\"halt\"}");
                    long[] d = new long[SMALL_ROUNDS];
                    long[] g = new long[SMALL_ROUNDS];
                    long[] dv = new long[SMALL_ROUNDS];
                    long[] gv = new long[SMALL_ROUNDS];
                    for (int i = 0; i < SMALL_ROUNDS; i++) { // interleaved, so drift hits both alike
                        d[i] = direct.timed("State", STATE);
                        g[i] = viaGateway.timed("State", STATE);
                        dv[i] = direct.timed("GetVersion", "{}");
                        gv[i] = viaGateway.timed("GetVersion", "{}");
                    }
                    // Resume, grow the goroutine list, stop again: the continue's and the halt's replies both come at the stop.
                    viaGateway.call("Command", "{\"name\":\"continue\"}", false);
                    http.send(HttpRequest.newBuilder(target.testBedBaseUri().resolve("/admin/leak?n=" + GOROUTINES)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    viaGateway.call("Command", "{\"name\":\"halt\"}");
                    viaGateway.readReply();
                    direct.call("ListGoroutines", listGoroutines);
                    viaGateway.call("ListGoroutines", listGoroutines);
                    long[] dl = new long[LARGE_ROUNDS];
                    long[] gl = new long[LARGE_ROUNDS];
                    long[] dFirst = new long[LARGE_ROUNDS];
                    long[] gFirst = new long[LARGE_ROUNDS];
                    int bytesDirect = 0;
                    int bytesGateway = 0;
                    for (int i = 0; i < LARGE_ROUNDS; i++) {
                        // Each path goes first in half the rounds: a call leaves dlv ~8 MB of garbage,
                        // and whichever call comes second would otherwise meet its collection every time.
                        for (boolean gatewayTurn : i % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                            Rpc rpc = gatewayTurn ? viaGateway : direct;
                            long t = System.nanoTime();
                            int bytes = rpc.call("ListGoroutines", listGoroutines);
                            long whole = System.nanoTime() - t;
                            long first = rpc.firstByteNanos - t;
                            if (gatewayTurn) {
                                bytesGateway = bytes;
                                gl[i] = whole;
                                gFirst[i] = first;
                            } else {
                                bytesDirect = bytes;
                                dl[i] = whole;
                                dFirst[i] = first;
                            }
                        }
                    }
                    viaGateway.call("Command", "{\"name\":\"continue\"}", false);
                    smallRpc(report, "GetVersion", dv, gv);
                    smallRpc(report, "State{NonBlocking:true}, target halted", d, g);
                    report.append(String.format("ListGoroutines, %d goroutines, %d rounds interleaved, each path first in half of them%n",
                            GOROUTINES, LARGE_ROUNDS));
                    report.append(String.format("  direct  median %6d ms  %.1f MB/s (%d bytes)%n", median(dl) / 1_000_000,
                            mbps(bytesDirect, median(dl)), bytesDirect));
                    report.append(String.format("  gateway median %6d ms  %.1f MB/s (%d bytes, masked)%n", median(gl) / 1_000_000,
                            mbps(bytesGateway, median(gl)), bytesGateway));
                    report.append(String.format("  gateway/direct throughput %.2fx%n", (double) median(dl) / median(gl)));
                    // dlv builds the whole list before its first byte; what the gateway adds comes after it
                    report.append(String.format("  first byte after: direct median %d ms, gateway %d ms (dlv building the list)%n",
                            median(dFirst) / 1_000_000, median(gFirst) / 1_000_000));
                    report.append(String.format("  first to last byte: direct median %d ms, gateway %d ms (relays, masking)%n",
                            median(minus(dl, dFirst)) / 1_000_000, median(minus(gl, gFirst)) / 1_000_000));
                    assertThat(bytesGateway).isPositive();
                }
            }
        } finally {
            http.send(HttpRequest.newBuilder(target.testBedBaseUri().resolve("/admin/leak?release=1")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        Path out = Path.of("target/bench/delve-tunnel.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static long[] minus(long[] a, long[] b) {
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static void smallRpc(StringBuilder report, String what, long[] direct, long[] gateway) {
        report.append(String.format("small RPC (%s), %d rounds interleaved%n", what, direct.length));
        report.append(String.format("  direct  median %6d us  p99 %6d us%n", median(direct) / 1000, p99(direct) / 1000));
        report.append(String.format("  gateway median %6d us  p99 %6d us%n", median(gateway) / 1000, p99(gateway) / 1000));
        report.append(String.format("  added   median %6d us%n", (median(gateway) - median(direct)) / 1000));
    }

    /** A minimal blocking JSON-RPC client: one request at a time, replies are one line each (Go's encoder). */
    private static final class Rpc implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] block = new byte[1 << 16];
        private byte[] reply = new byte[1 << 16];
        private int pos;
        private int limit;
        private int id;

        Rpc(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.connect(address, 5000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(120_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        long timed(String method, String params) throws IOException {
            long t = System.nanoTime();
            call(method, params);
            return System.nanoTime() - t;
        }

        /** @return the reply's size in bytes */
        int call(String method, String params) throws IOException {
            return call(method, params, true);
        }

        int call(String method, String params, boolean await) throws IOException {
            out.write(("{\"method\":\"RPCServer." + method + "\",\"params\":[" + params + "],\"id\":" + (id++) + "}\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (!await) {
                return 0;
            }
            return readReply();
        }

        /**
         * Reads up to the reply's newline in 64 KiB blocks into a buffer kept for the next reply,
         * as a real client would. (It read byte by byte into a new growing stream and made a
         * String of each reply: on an 8 MB reply the client took more CPU than the gateway, on
         * the same two cores, and slowed both paths by its own cost.)
         *
         * @return the reply's size in bytes, without the newline
         */
        /** When the last reply's first bytes arrived ({@link System#nanoTime()}). */
        long firstByteNanos;

        int readReply() throws IOException {
            int size = 0;
            firstByteNanos = 0;
            while (true) {
                if (pos == limit) {
                    limit = in.read(block, 0, block.length);
                    if (firstByteNanos == 0) {
                        firstByteNanos = System.nanoTime();
                    }
                    pos = 0;
                    if (limit < 0) {
                        limit = 0;
                        throw new IOException("connection closed; got " + size + " bytes");
                    }
                }
                int newline = pos;
                while (newline < limit && block[newline] != '\n') {
                    newline++;
                }
                int length = newline - pos;
                if (size + length > reply.length) {
                    reply = Arrays.copyOf(reply, Math.max(reply.length * 2, size + length));
                }
                System.arraycopy(block, pos, reply, size, length);
                size += length;
                pos = newline < limit ? newline + 1 : limit;
                if (newline < limit) {
                    break;
                }
            }
            // Go's encoder writes "error" last, and the gateway keeps the order: the tail tells.
            String tail = new String(reply, Math.max(0, size - 64), Math.min(size, 64), StandardCharsets.ISO_8859_1);
            if (!tail.contains("\"error\":null")) {
                throw new IOException("call failed: " + new String(reply, 0, Math.min(300, size), StandardCharsets.UTF_8)
                        + " ... " + tail);
            }
            return size;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
