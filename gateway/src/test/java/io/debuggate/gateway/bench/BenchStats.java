package io.debuggate.gateway.bench;

import java.util.Arrays;

/** The few statistics the benchmarks report, over samples in nanoseconds. */
final class BenchStats {

    private BenchStats() {
    }

    static long median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static long p99(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(s.length * 0.99))];
    }

    /** Megabytes (10^6 bytes) per second. */
    static double mbps(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }
}
