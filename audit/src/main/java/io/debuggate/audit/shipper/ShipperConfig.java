package io.debuggate.audit.shipper;

import io.debuggate.audit.store.AuditStoreResources;
import java.time.Duration;

/**
 * How the shipper drains the spool.
 *
 * @param indexPrefix events go to {@code <prefix><yyyy.MM>} by their own timestamp, so a resent
 *     event always meets its earlier copy (and gets 409)
 * @param maxBatchEvents events per bulk request at most
 * @param maxBatchBytes approximate bytes per bulk request at most
 * @param retryInitial first pause after a failed bulk request; doubles up to {@code retryMax}
 * @param probeInterval when idle, how often to check that Elasticsearch still answers
 * @param parallelRequests a batch is cut into this many slices sent at the same time, so
 *     Elasticsearch can index on several threads; the batch counts as shipped when all succeed
 * @param linger how long a batch smaller than {@code maxBatchEvents} waits for more events before
 *     it is sent (zero: at once). Every bulk request costs Elasticsearch a translog fsync and a
 *     request's overhead, so under a steady trickle (a debugger session's two events per RPC)
 *     one-event bulks cost it several times the CPU of the events themselves. Events are durable
 *     in the spool meanwhile; only their arrival in search is later.
 */
public record ShipperConfig(
        String indexPrefix,
        int maxBatchEvents,
        long maxBatchBytes,
        Duration retryInitial,
        Duration retryMax,
        Duration probeInterval,
        int parallelRequests,
        Duration linger) {

    public static final int DEFAULT_MAX_BATCH_EVENTS = 2000;
    public static final long DEFAULT_MAX_BATCH_BYTES = 8L << 20;
    public static final int DEFAULT_PARALLEL_REQUESTS = 2;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(200);
    private static final Duration MAX_LINGER = Duration.ofSeconds(10);

    public ShipperConfig {
        if (indexPrefix == null || !indexPrefix.matches("[a-z0-9][a-z0-9_.-]*-")) {
            throw new IllegalArgumentException("index prefix '" + indexPrefix + "' must be lower-case and end with"
                    + " '-', e.g. debuggate-audit- (the index template matches debuggate-audit-*)");
        }
        if (maxBatchEvents < 1 || maxBatchEvents > 50_000) {
            throw new IllegalArgumentException("bulk size " + maxBatchEvents + " events is outside 1..50000: use 2000");
        }
        if (maxBatchBytes < 64 * 1024) {
            throw new IllegalArgumentException("bulk size " + maxBatchBytes + " bytes is below 64 KiB: use 8 MiB");
        }
        positive(retryInitial, "retry pause");
        positive(retryMax, "maximum retry pause");
        positive(probeInterval, "probe interval");
        if (parallelRequests < 1 || parallelRequests > 16) {
            throw new IllegalArgumentException("parallel requests " + parallelRequests + " is outside 1..16: use 2");
        }
        if (linger == null || linger.isNegative() || linger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException("linger " + linger + " is outside 0..PT10S: use PT0.2S (auditors search"
                    + " what has been shipped, so a long linger hides fresh events)");
        }
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("maximum retry pause " + retryMax + " is shorter than the first pause "
                    + retryInitial + ": make it at least as long");
        }
    }

    public static ShipperConfig defaults() {
        return new ShipperConfig(AuditStoreResources.INDEX_PREFIX, DEFAULT_MAX_BATCH_EVENTS, DEFAULT_MAX_BATCH_BYTES,
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5), DEFAULT_PARALLEL_REQUESTS,
                DEFAULT_LINGER);
    }

    public ShipperConfig withBatch(int events, long bytes) {
        return new ShipperConfig(indexPrefix, events, bytes, retryInitial, retryMax, probeInterval, parallelRequests,
                linger);
    }

    public ShipperConfig withRetry(Duration initial, Duration max) {
        return new ShipperConfig(indexPrefix, maxBatchEvents, maxBatchBytes, initial, max, probeInterval,
                parallelRequests, linger);
    }

    public ShipperConfig withProbeInterval(Duration value) {
        return new ShipperConfig(indexPrefix, maxBatchEvents, maxBatchBytes, retryInitial, retryMax, value,
                parallelRequests, linger);
    }

    public ShipperConfig withParallelRequests(int value) {
        return new ShipperConfig(indexPrefix, maxBatchEvents, maxBatchBytes, retryInitial, retryMax, probeInterval,
                value, linger);
    }

    public ShipperConfig withLinger(Duration value) {
        return new ShipperConfig(indexPrefix, maxBatchEvents, maxBatchBytes, retryInitial, retryMax, probeInterval,
                parallelRequests, value);
    }

    public ShipperConfig withIndexPrefix(String value) {
        return new ShipperConfig(value, maxBatchEvents, maxBatchBytes, retryInitial, retryMax, probeInterval,
                parallelRequests, linger);
    }

    private static void positive(Duration value, String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " " + value + " must be positive, e.g. PT1S");
        }
    }
}
