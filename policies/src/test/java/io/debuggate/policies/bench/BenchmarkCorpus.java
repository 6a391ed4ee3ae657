package io.debuggate.policies.bench;

import io.debuggate.policies.masking.PiiSamples;
import java.util.Random;

/**
 * Realistic text for the throughput benchmark, generated in code: goroutine dumps
 * ({@code goroutine?debug=2}), Delve-style JSON results and application log lines, with or without
 * customer data sprinkled in.
 */
public final class BenchmarkCorpus {

    private BenchmarkCorpus() {
    }

    /** About {@code size} chars of mixed text; with {@code pii} roughly one value every 400 bytes. */
    public static String mixed(int size, boolean pii, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(size + 4096);
        while (sb.length() < size) {
            switch (r.nextInt(3)) {
                case 0 -> goroutine(sb, r);
                case 1 -> json(sb, r, pii);
                default -> logLines(sb, r, pii);
            }
        }
        return sb.toString();
    }

    static void goroutine(StringBuilder sb, Random r) {
        int id = 1 + r.nextInt(5000);
        sb.append("goroutine ").append(id).append(" [").append(r.nextBoolean() ? "IO wait" : "select")
                .append(", ").append(r.nextInt(60)).append(" minutes]:\n");
        int frames = 3 + r.nextInt(6);
        for (int f = 0; f < frames; f++) {
            sb.append("main.handle").append(f).append("(0xc").append(hex(r, 9)).append(", {0x")
                    .append(hex(r, 6)).append(", 0x").append(Integer.toHexString(r.nextInt(64))).append("})\n");
            sb.append("\t/src/app/internal/service/handler").append(f).append(".go:")
                    .append(10 + r.nextInt(400)).append(" +0x").append(Integer.toHexString(r.nextInt(0x400))).append('\n');
        }
        sb.append("created by net/http.(*Server).Serve in goroutine ").append(r.nextInt(50))
                .append("\n\t/usr/lib/go-1.19/src/net/http/server.go:3102 +0x4db\n\n");
    }

    static void json(StringBuilder sb, Random r, boolean pii) {
        sb.append("{\"id\":").append(19 + r.nextInt(1000)).append(",\"currentLoc\":{\"pc\":")
                .append(8_000_000 + r.nextInt(1_000_000)).append(",\"file\":\"/src/app/main.go\",\"line\":")
                .append(r.nextInt(300)).append(",\"function\":{\"name\":\"main.handle\",\"value\":8181536}},")
                .append("\"orderId\":\"2023").append(String.format("%016d", Math.abs(r.nextLong() % 10_000_000_000_000_000L)))
                .append("\",\"ts\":").append(1_700_000_000_000L + r.nextInt(1_000_000_000))
                .append(",\"labels\":{\"route\":\"/api/v1/orders\",\"user\":\"");
        if (pii) {
            sb.append(r.nextBoolean() ? PiiSamples.randomEmail(r) : PiiSamples.randomMobile(r));
        } else {
            sb.append("user-").append(r.nextInt(100000));
        }
        sb.append("\"},\"value\":\"");
        if (pii && r.nextInt(3) == 0) {
            sb.append("card=").append(PiiSamples.randomCard(r));
        } else {
            sb.append("status=ok latency=").append(r.nextInt(900)).append("ms");
        }
        sb.append("\",\"status\":2,\"waitSince\":0,\"waitReason\":0,\"unreadable\":\"\"}\n");
    }

    static void logLines(StringBuilder sb, Random r, boolean pii) {
        for (int k = 0; k < 4; k++) {
            sb.append("2024-05-").append(10 + r.nextInt(18)).append("T12:").append(10 + r.nextInt(49)).append(':')
                    .append(10 + r.nextInt(49)).append('.').append(100 + r.nextInt(899))
                    .append("Z INFO  [http-nio-8080-exec-").append(r.nextInt(200)).append("] o.e.OrderService - ");
            if (pii && r.nextInt(2) == 0) {
                switch (r.nextInt(4)) {
                    case 0 -> sb.append("实名认证 idCard=").append(PiiSamples.randomResidentId(r));
                    case 1 -> sb.append("sms sent to +86 ").append(PiiSamples.randomMobile(r));
                    case 2 -> sb.append("payment card ").append(PiiSamples.grouped(PiiSamples.randomCard(r), ' '));
                    default -> sb.append("mail to ").append(PiiSamples.randomEmail(r));
                }
            } else {
                sb.append("order ").append(snowflake(r)).append(" shipped in ").append(r.nextInt(5000))
                        .append(" ms, trace=").append(hex(r, 32));
            }
            sb.append(" duration=").append(r.nextInt(10000)).append("us\n");
        }
    }

    /** Snowflake-style ids (timestamp in the high bits) as order ids are usually made: 19 digits starting with 1. */
    static long snowflake(Random r) {
        return 1_780_000_000_000_000_000L + (Math.abs(r.nextLong()) % 100_000_000_000_000_000L);
    }

    private static String hex(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }
}
