package io.debuggate.audit.bench;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.DurableAuditTrailConfig;
import io.debuggate.audit.chain.ChainVerification;
import io.debuggate.audit.chain.ChainVerifier;
import io.debuggate.audit.node.LocalElasticsearchConfig;
import io.debuggate.audit.node.LocalElasticsearchNode;
import io.debuggate.audit.node.PortCheck;
import io.debuggate.audit.shipper.ShipperConfig;
import io.debuggate.audit.spool.FsyncPolicy;
import io.debuggate.audit.store.AuditStoreResources;
import io.debuggate.audit.store.AuditStoreSetup;
import io.debuggate.audit.store.RoleInstallation;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.testsupport.TestMaskers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark harness (a main class, not a unit test): what one audited RPC costs and how many
 * events per second the spool accepts and the local node takes, with zero loss.
 *
 * <pre>
 * ./mvnw -B -o -pl audit -am test-compile
 * ./mvnw -B -o -q -pl audit dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp audit/target/test-classes:audit/target/classes:policies/target/classes:$(cat audit/target/test.cp) \
 *     io.debuggate.audit.bench.AuditBenchmark [seconds-per-spool-phase|0] [events-to-ship|0] [parallel-requests] [batch-events]
 * </pre>
 */
public final class AuditBenchmark {

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int toShip = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Path work = Files.createDirectories(Path.of("target/bench").toAbsolutePath());
        System.out.printf("cores=%d jvm=%s event≈%d bytes%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), sampleSize());

        if (seconds > 0) {
            spoolPhase(work, "1 thread, BATCHED (default)", FsyncPolicy.BATCHED, 1, seconds);
            spoolPhase(work, "2 threads, BATCHED (default)", FsyncPolicy.BATCHED, 2, seconds);
            spoolPhase(work, "4 threads, BATCHED (default)", FsyncPolicy.BATCHED, 4, seconds);
            spoolPhase(work, "1 thread, PER_EVENT", FsyncPolicy.PER_EVENT, 1, Math.max(3, seconds / 2));
            spoolPhase(work, "4 threads, PER_EVENT", FsyncPolicy.PER_EVENT, 4, Math.max(3, seconds / 2));
        }
        if (toShip > 0) {
            ShipperConfig shipper = ShipperConfig.defaults();
            if (args.length > 2) {
                shipper = shipper.withParallelRequests(Integer.parseInt(args[2]));
            }
            if (args.length > 3) {
                shipper = shipper.withBatch(Integer.parseInt(args[3]), 32L << 20);
            }
            shipPhase(work, toShip, shipper);
        }
    }

    public static AuditRecord rpcPublic(int i) {
        return rpc(i);
    }

    static AuditRecord rpc(int i) {
        return AuditRecord.of(AuditActions.DLV_RPC, AuditOutcome.SUCCESS, "alice")
                .session("s-bench-" + (i & 15)).target("payment-svc/demo-0").request("r-bench")
                .detail("method", "RPCServer.Eval")
                .detail("params", Map.of("Expr", "customers[" + i + "].Name", "Scope", Map.of("GoroutineID", 17)))
                .detail("result", "{\"Name\":\"customer\",\"Type\":\"string\",\"Value\":\"Wang Fang " + i + "\"}")
                .detail("duration_us", 412).detail("bytes", 1234)
                .build();
    }

    private static int sampleSize() {
        return new io.debuggate.audit.event.AuditEventEncoder("bench")
                .encode(rpc(1), 1, io.debuggate.audit.event.ChainHash.GENESIS, java.time.Instant.now()).payload().length;
    }

    private static void spoolPhase(Path work, String name, FsyncPolicy policy, int threads, int seconds)
            throws Exception {
        Path spool = work.resolve("spool-" + UUID.randomUUID());
        DurableAuditTrailConfig config = DurableAuditTrailConfig.builder("bench", spool).fsyncPolicy(policy)
                .maxSpoolBytes(64L << 30).build();
        try (DurableAuditTrail trail = DurableAuditTrail.open(config, TestMaskers.engine(), null)) {
            run(trail, threads, Duration.ofSeconds(2), null); // warm-up
            List<long[]> latencies = new ArrayList<>();
            long started = System.nanoTime();
            long count = run(trail, threads, Duration.ofSeconds(seconds), latencies);
            double elapsed = (System.nanoTime() - started) / 1e9;
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
            System.out.printf("spool  %-30s accepted %,9.0f events/s   record(): p50 %6.1f µs  p99 %7.1f µs"
                            + "  p99.9 %8.1f µs  max %8.1f µs%n", name, count / elapsed, pct(all, 0.50), pct(all, 0.99),
                    pct(all, 0.999), all[all.length - 1] / 1000.0);
        }
        deleteQuietly(spool);
    }

    private static long run(DurableAuditTrail trail, int threads, Duration duration, List<long[]> latencies)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        long[] counts = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            long[] samples = new long[4_000_000];
            if (latencies != null) {
                latencies.add(samples);
            }
            workers.add(Thread.ofPlatform().start(() -> {
                int i = 0;
                while (System.nanoTime() < end) {
                    AuditRecord record = rpc(i);
                    long before = System.nanoTime();
                    trail.record(record);
                    long took = System.nanoTime() - before;
                    if (i < samples.length) {
                        samples[i] = took;
                    }
                    i++;
                }
                counts[index] = i;
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return Arrays.stream(counts).sum();
    }

    private static void shipPhase(Path work, int events, ShipperConfig shipper) throws Exception {
        Path home = work.resolve("es-bench-node");
        try (LocalElasticsearchNode node = new LocalElasticsearchNode(LocalElasticsearchConfig.builder(home)
                .httpPort(PortCheck.freePort()).transportPort(PortCheck.freePort()).build())) {
            node.start();
            try (StoreConnection admin = StoreConnection.open(node.httpUri(), node.credentials().admin());
                    StoreConnection writer = StoreConnection.open(node.httpUri(), node.credentials().writer())) {
                new AuditStoreSetup(admin, RoleInstallation.FILE).apply();
                // a fresh node indexes slowly until its JIT has warmed up; sustained means after that
                ship(work, writer, admin, shipper, events, "warm-up", false);
                ship(work, writer, admin, shipper, events, "drain", true);
                ship(work, writer, admin, shipper, events, "live", false);
            }
        }
    }

    /**
     * Records {@code events} with two producer threads and waits until Elasticsearch has them all.
     * With {@code drain}, they are first recorded with no shipper (a gateway whose store was away)
     * and the clock starts when a trail with a shipper opens the full spool: pure shipping speed.
     */
    private static void ship(Path work, StoreConnection writer, StoreConnection admin, ShipperConfig shipper,
            int events, String label, boolean drain) throws Exception {
        String instance = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Path spool = work.resolve("spool-" + instance);
        DurableAuditTrailConfig config = DurableAuditTrailConfig.builder(instance, spool).shipper(shipper).build();
        if (drain) {
            try (DurableAuditTrail offline = DurableAuditTrail.open(config, TestMaskers.engine(), null)) {
                produce(offline, events);
            }
        }
        long started = System.nanoTime();
        long produced;
        double producedAt;
        try (DurableAuditTrail trail = DurableAuditTrail.open(config, TestMaskers.engine(), writer)) {
            if (!drain) {
                produce(trail, events);
            }
            producedAt = (System.nanoTime() - started) / 1e9;
            produced = trail.head().sequence();
            if (!trail.awaitShipped(Duration.ofMinutes(10))) {
                throw new IllegalStateException("not shipped in 10 minutes: " + trail.health());
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        admin.json("POST", "/" + AuditStoreResources.INDEX_PATTERN + "/_refresh", null);
        long stored = admin.json("GET", "/" + AuditStoreResources.INDEX_PATTERN + "/_count?q=debuggate.chain.instance:"
                + instance, null).path("count").asLong();
        ChainVerification verified = new ChainVerifier(admin).expectHead(produced).verify(instance, 1, Long.MAX_VALUE);
        System.out.printf("ship   %-8s %,d events%s, all %,d in Elasticsearch after %.1f s: %,.0f events/s"
                        + " (bulk: %d events in %d parallel requests); verifier: %s%n", label, produced,
                drain ? " spooled while offline" : " recorded live in %.1f s".formatted(producedAt), stored, elapsed,
                produced / elapsed, shipper.maxBatchEvents(), shipper.parallelRequests(), verified.summary());
        deleteQuietly(spool);
    }

    private static void produce(DurableAuditTrail trail, int events) throws InterruptedException {
        int threads = 2;
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = offset; i < events; i += threads) {
                    trail.record(rpc(i));
                }
            }));
        }
        for (Thread producer : producers) {
            producer.join();
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * p))] / 1000.0;
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // benchmark scratch space
        }
    }
}
