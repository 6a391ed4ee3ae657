package io.debuggate.policies.bench;

import io.debuggate.policies.masking.MaskingEngine;
import io.debuggate.policies.masking.MaskingOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Masking throughput on one thread, against a plain copy of the same text. Run with the command in
 * policies/README.md; {@link #main} prints MB/s (UTF-8 bytes of input per second).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MaskingThroughputBenchmark {

    static final int SIZE = 1 << 20;

    private MaskingEngine engine;
    private String mixed;
    private String noPii;
    private byte[] mixedBytes;

    @Setup
    public void setUp() {
        engine = MaskingEngine.defaults("benchmark-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        mixed = BenchmarkCorpus.mixed(SIZE, true, 42);
        noPii = BenchmarkCorpus.mixed(SIZE, false, 42);
        mixedBytes = mixed.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public String copyMixed() {
        return new String(mixed.toCharArray());
    }

    @Benchmark
    public String maskMixed() {
        return engine.mask(mixed);
    }

    @Benchmark
    public String maskNoPii() {
        return engine.mask(noPii);
    }

    @Benchmark
    public void streamMixed(Blackhole bh) throws IOException {
        try (MaskingOutputStream out = engine.outputStream(new BlackholeStream(bh))) {
            for (int off = 0; off < mixedBytes.length; off += 8192) {
                out.write(mixedBytes, off, Math.min(8192, mixedBytes.length - off));
            }
        }
    }

    private static final class BlackholeStream extends OutputStream {
        private final Blackhole bh;

        BlackholeStream(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void write(int b) {
            bh.consume(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bh.consume(b);
        }
    }

    /**
     * Runs the JMH benchmarks, then the same operations timed by thread CPU time. JMH reports wall
     * clock, which on a shared machine includes time the thread was not running; CPU time gives the
     * per-core figure. Arguments: iterations (default 3), "--cpu-only" to skip JMH.
     */
    public static void main(String[] args) throws RunnerException, IOException {
        int iterations = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 3;
        boolean cpuOnly = java.util.Arrays.asList(args).contains("--cpu-only");
        MaskingThroughputBenchmark b = new MaskingThroughputBenchmark();
        b.setUp();
        double mixedMb = b.mixed.getBytes(StandardCharsets.UTF_8).length / 1e6;
        double cleanMb = b.noPii.getBytes(StandardCharsets.UTF_8).length / 1e6;
        System.out.printf(Locale.ROOT, "load average %s, mixed text %.2f MB with %d findings, no-PII text %.2f MB%n",
                loadAverage(), mixedMb, b.engine.explain(b.mixed).size(), cleanMb);
        if (!cpuOnly) {
            Options opt = new OptionsBuilder()
                    .include(MaskingThroughputBenchmark.class.getSimpleName())
                    .forks(1)
                    .warmupIterations(iterations)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(iterations)
                    .measurementTime(TimeValue.seconds(2))
                    .threads(1)
                    .build();
            Collection<RunResult> results = new Runner(opt).run();
            System.out.println();
            System.out.println("JMH, wall clock, 1 thread        MB/s (10^6 UTF-8 bytes of input per second)");
            for (RunResult rr : results) {
                String name = rr.getParams().getBenchmark().replaceAll(".*\\.", "");
                double mb = name.contains("NoPii") ? cleanMb : mixedMb;
                System.out.printf(Locale.ROOT, "  %-30s %8.0f%n", name, rr.getPrimaryResult().getScore() * mb);
            }
        }
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        System.out.println("thread CPU time, 1 thread        MB/s per CPU-second");
        cpu("copyMixed", mixedMb, () -> bh.consume(b.copyMixed()));
        cpu("maskMixed", mixedMb, () -> bh.consume(b.maskMixed()));
        cpu("maskNoPii", cleanMb, () -> bh.consume(b.maskNoPii()));
        cpu("streamMixed", mixedMb, () -> {
            try {
                b.streamMixed(bh);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void cpu(String name, double mb, Runnable op) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
            op.run();
        }
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long ops = 0;
            long t0 = mx.getCurrentThreadCpuTime();
            for (long end = System.nanoTime() + 1_000_000_000L; System.nanoTime() < end; ops++) {
                op.run();
            }
            double seconds = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
            best = Math.max(best, ops * mb / seconds);
        }
        System.out.printf(Locale.ROOT, "  %-30s %8.0f%n", name, best);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
