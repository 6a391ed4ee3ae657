package io.debuggate.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.gateway.delve.ArrivingReply;
import io.debuggate.gateway.delve.RpcCodec;
import io.debuggate.gateway.delve.StreamingJsonMasker;
import io.debuggate.policies.masking.MaskingEngine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The byte masker alone, on a goroutine list shaped like Delve's (10 000 goroutines, four locations
 * each, one in fifty labelled with a customer's e-mail): masked whole, and masked in 64 KiB reads as
 * the tunnel masks a reply while it arrives ({@link ArrivingReply}). One thread, no sockets, so the
 * numbers move far less than the tunnel benchmark's. Not a test, and its name keeps it out of the
 * test run: {@code ./mvnw -B -pl gateway verify -Dtest=ReplyMaskingBenchmark}; numbers go to
 * {@code gateway/target/bench/reply-masking.txt}.
 */
class ReplyMaskingBenchmark {

    private static final int GOROUTINES = 10_000;
    private static final int WARM_UP_ROUNDS = 30;
    private static final int ROUNDS = 60;
    private static final int READ_BYTES = 64 * 1024;
    private static final JsonNode CLIENT_ID = JsonNodeFactory.instance.numberNode(7);

    @Test
    void wholeVersusInParts() throws Exception {
        MaskingEngine engine = MaskingEngine.defaults(new byte[32]);
        StreamingJsonMasker masker = new StreamingJsonMasker(engine);
        byte[] reply = goroutineList();
        long[] whole = new long[ROUNDS];
        long[] parts = new long[ROUNDS];
        byte[] lastWhole = null;
        byte[] lastParts = null;
        for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
            long t = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream(reply.length + 64);
            new RpcCodec().streamReply(reply, CLIENT_ID, masker, engine::mask, out);
            long w = System.nanoTime() - t;
            t = System.nanoTime();
            ByteArrayOutputStream inParts = new ByteArrayOutputStream(reply.length + 64);
            ArrivingReply arriving = new ArrivingReply(CLIENT_ID, masker, engine::mask, inParts);
            for (int at = ArrivingReply.Head.read(reply, READ_BYTES).resultStart(); at < reply.length; at += READ_BYTES) {
                arriving.feed(reply, at, Math.min(READ_BYTES, reply.length - at));
            }
            arriving.finish();
            long p = System.nanoTime() - t;
            if (round >= 0) {
                whole[round] = w;
                parts[round] = p;
            }
            lastWhole = out.toByteArray();
            lastParts = inParts.toByteArray();
        }
        assertThat(lastParts).isEqualTo(lastWhole);
        assertThat(new String(lastWhole, StandardCharsets.UTF_8)).doesNotContain("@example.com").contains("email#");
        String report = String.format("goroutine list, %d goroutines, %d bytes, %d rounds after %d warm-up%n", GOROUTINES,
                reply.length, ROUNDS, WARM_UP_ROUNDS) + row("masked whole", whole, reply.length)
                + row("masked in 64 KiB reads", parts, reply.length);
        Path file = Path.of("target/bench/reply-masking.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);
    }

    private static String row(String what, long[] nanos, int bytes) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("  %-24s min %5.1f ms  median %5.1f ms  %4.0f MB/s at the median%n", what, sorted[0] / 1e6,
                sorted[sorted.length / 2] / 1e6, bytes / (sorted[sorted.length / 2] / 1e9) / 1e6);
    }

    /** {@code {"id":0,"result":{"Goroutines":[...],"Nextg":-1},"error":null}} with Delve's field names. */
    private static byte[] goroutineList() {
        StringBuilder json = new StringBuilder("{\"id\":0,\"result\":{\"Goroutines\":[");
        for (int g = 1; g <= GOROUTINES; g++) {
            json.append(g > 1 ? "," : "").append("{\"id\":").append(g)
                    .append(",\"currentLoc\":").append(location(4_318_000 + g % 97, "/usr/lib/go/src/runtime/proc.go", 435,
                            "runtime.gopark"))
                    .append(",\"userCurrentLoc\":").append(location(6_022_000 + g % 13, "/src/testbed/admin.go", 201 + g % 2,
                            g % 2 == 0 ? "main.leakOnChannel" : "main.leakInSelect"))
                    .append(",\"goStatementLoc\":").append(location(6_021_000, "/src/testbed/admin.go", 183, "main.leakSwitch"))
                    .append(",\"startLoc\":").append(location(6_022_100 + g % 2, "/src/testbed/admin.go", 199 + g % 2,
                            g % 2 == 0 ? "main.leakOnChannel" : "main.leakInSelect"))
                    .append(",\"threadID\":0,\"systemStack\":false,\"status\":4,\"waitSince\":").append(1_000_000_000L * g)
                    .append(",\"waitReason\":").append(g % 2 == 0 ? 7 : 9);
            if (g % 50 == 0) {
                json.append(",\"labels\":{\"customer_email\":\"user").append(g).append("@example.com\",\"worker\":\"settlement\"}");
            }
            json.append('}');
        }
        return json.append("],\"Nextg\":-1},\"error\":null}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String location(long pc, String file, int line, String function) {
        return "{\"pc\":" + pc + ",\"file\":\"" + file + "\",\"line\":" + line + ",\"function\":{\"name\":\"" + function
                + "\",\"value\":" + (pc - 40) + ",\"type\":0,\"goType\":0,\"optimized\":true}}";
    }
}
