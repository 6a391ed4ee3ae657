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

    public static void main(String[] args) throws RunnerException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
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
        MaskingThroughputBenchmark sizes = new MaskingThroughputBenchmark();
        sizes.setUp();
        System.out.println();
        System.out.println("benchmark            MB/s (1 thread, 1 MB = 10^6 UTF-8 bytes of input)");
        for (RunResult rr : results) {
            String name = rr.getParams().getBenchmark().replaceAll(".*\\.", "");
            String text = name.contains("NoPii") ? sizes.noPii : sizes.mixed;
            double bytes = text.getBytes(StandardCharsets.UTF_8).length;
            double ops = rr.getPrimaryResult().getScore();
            System.out.printf(Locale.ROOT, "%-20s %8.0f%n", name, ops * bytes / 1e6);
        }
    }
}
