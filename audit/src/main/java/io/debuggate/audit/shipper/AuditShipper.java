package io.debuggate.audit.shipper;

import io.debuggate.audit.spool.ShippedCheckpoint;
import io.debuggate.audit.spool.Spool;
import io.debuggate.audit.spool.SpoolReader;
import io.debuggate.audit.spool.SpoolRecord;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.store.StoreResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Background thread that drains the spool into Elasticsearch with bulk {@code create} operations
 * under the WRITER identity. It never drops an event: a failed batch is sent again after a
 * growing pause for as long as it takes (across Elasticsearch restarts), and a batch is only
 * marked shipped once every item is created or reported as already there (409).
 */
public final class AuditShipper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditShipper.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration FINAL_DRAIN = Duration.ofSeconds(5);

    private final Spool spool;
    private final StoreConnection writer;
    private final ShipperConfig config;
    private final Clock clock;
    private final String instance;
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progressed = progressLock.newCondition();
    private volatile boolean running;
    /**
     * Set while the thread waits out {@link ShipperConfig#linger()}: new events then need not wake
     * it (even a batch that fills up meanwhile waits out the rest of the linger).
     */
    private volatile boolean lingering;
    /** Set by {@link #close()}: ship what the spool holds once, without lingering or retrying, then stop. */
    private volatile boolean closing;
    private volatile @Nullable Thread thread;
    private volatile ShipperStatus status;

    public AuditShipper(Spool spool, StoreConnection writer, ShipperConfig config, Clock clock) {
        this.spool = spool;
        this.writer = writer;
        this.config = config;
        this.clock = clock;
        this.instance = spool.config().instance();
        this.status = new ShipperStatus(0, null, null, null, 0, 0, 0);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread started = Thread.ofPlatform().daemon().name("audit-shipper-" + instance).unstarted(this::run);
        thread = started;
        // Every recorded event would otherwise wake the thread only to be told to keep lingering: on a
        // busy two-core gateway that is a context switch per debugger message.
        spool.onDurable(() -> {
            if (!lingering) {
                LockSupport.unpark(started);
            }
        });
        started.start();
    }

    public ShipperStatus status() {
        return status;
    }

    /** Waits until Elasticsearch has confirmed {@code sequence}; false on timeout. */
    public boolean awaitShipped(long sequence, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        progressLock.lock();
        try {
            while (status.shippedSequence() < sequence) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progressed.awaitNanos(left);
            }
            return true;
        } finally {
            progressLock.unlock();
        }
    }

    private void run() {
        try (SpoolReader reader = spool.openReader()) {
            status = withShipped(status, reader.lastSequence());
            long lastActivity = System.nanoTime();
            long waitingSince = -1;
            while (running) {
                long unread = spool.durablePosition().sequence() - reader.lastSequence();
                if (closing && unread <= 0) {
                    break;
                }
                if (unread > 0 && unread < config.maxBatchEvents() && !config.linger().isZero() && !closing) {
                    long now = System.nanoTime();
                    waitingSince = waitingSince < 0 ? now : waitingSince;
                    long left = waitingSince + config.linger().toNanos() - now;
                    if (left > 0) {
                        lingering = true;
                        LockSupport.parkNanos(left);
                        lingering = false;
                        continue;
                    }
                }
                waitingSince = -1;
                List<SpoolRecord> batch = reader.read(spool.durablePosition(), config.maxBatchEvents(),
                        config.maxBatchBytes());
                if (batch.isEmpty()) {
                    if (closing) {
                        break;
                    }
                    if (System.nanoTime() - lastActivity > config.probeInterval().toNanos()) {
                        probe();
                        lastActivity = System.nanoTime();
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                    continue;
                }
                boolean delivered = ship(batch, reader);
                lastActivity = System.nanoTime();
                if (!delivered && closing) {
                    break; // the rest stays in the spool for the next start
                }
            }
        } catch (IOException | RuntimeException e) {
            status = new ShipperStatus(status.shippedSequence(), status.lastContact(),
                    status.unreachableSince() != null ? status.unreachableSince() : clock.instant(),
                    "shipper stopped: " + e.getMessage(), status.shippedEvents(), status.bulkRequests(),
                    status.retries());
            log.error("audit.shipper stopped instance={} cause={}", instance, e.toString(), e);
        }
    }

    /** Sends the batch until it is delivered; false if it was given up (stopping, or closing after one failure). */
    private boolean ship(List<SpoolRecord> batch, SpoolReader reader) {
        List<Slice> bodies = slices(batch);
        Duration pause = config.retryInitial();
        while (running) {
            String failure;
            try {
                BulkOutcome outcome = send(bodies);
                if (outcome.delivered()) {
                    confirm(batch, reader, outcome);
                    return true;
                }
                contact();
                failure = outcome.failure();
            } catch (IOException e) {
                failure = "Elasticsearch unreachable at " + writer.hosts() + ": " + e.getMessage();
            } catch (RuntimeException e) {
                failure = "unreadable answer from Elasticsearch: " + e;
            }
            failed(failure, batch);
            if (closing) {
                return false;
            }
            sleepUninterrupted(pause);
            pause = pause.multipliedBy(2).compareTo(config.retryMax()) > 0 ? config.retryMax() : pause.multipliedBy(2);
        }
        return false;
    }

    /** Contiguous slices, one bulk body each, so Elasticsearch indexes them on several threads. */
    private List<Slice> slices(List<SpoolRecord> batch) {
        int count = Math.min(config.parallelRequests(), Math.max(1, batch.size() / 100));
        List<Slice> slices = new ArrayList<>(count);
        int size = (batch.size() + count - 1) / count;
        for (int from = 0; from < batch.size(); from += size) {
            List<SpoolRecord> part = batch.subList(from, Math.min(batch.size(), from + size));
            slices.add(new Slice(BulkBody.of(part, instance, config.indexPrefix()), part.size()));
        }
        return slices;
    }

    /** One bulk request body and the number of events in it. */
    private record Slice(byte[] body, int events) {
        BulkOutcome send(StoreConnection writer) throws IOException {
            return BulkOutcome.of(writer.send("POST", "/_bulk", body, StoreConnection.NDJSON), events);
        }
    }

    /** Sends all slices at once; the batch is delivered only if every slice is. */
    private BulkOutcome send(List<Slice> slices) throws IOException {
        if (slices.size() == 1) {
            return slices.getFirst().send(writer);
        }
        List<CompletableFuture<BulkOutcome>> pending = new ArrayList<>();
        for (Slice slice : slices) {
            CompletableFuture<BulkOutcome> result = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    result.complete(slice.send(writer));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            pending.add(result);
        }
        BulkOutcome total = null;
        for (CompletableFuture<BulkOutcome> result : pending) {
            try {
                BulkOutcome one = result.get();
                total = total == null ? one : total.plus(one);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while shipping", e);
            }
        }
        return total;
    }

    private void confirm(List<SpoolRecord> batch, SpoolReader reader, BulkOutcome outcome) {
        SpoolRecord last = batch.getLast();
        String hash = JSON.readTree(last.payload()).path("debuggate").path("chain").path("hash").asString();
        try {
            spool.markShipped(new ShippedCheckpoint(last.sequence(), hash, reader.segment(), reader.offset()));
        } catch (IOException e) {
            // the events are in Elasticsearch; a stale checkpoint only means resending (409) after a restart
            log.warn("audit.shipper checkpoint not saved instance={} upTo={} cause={}", instance, last.sequence(),
                    e.toString());
        }
        ShipperStatus before = status;
        if (before.unreachableSince() != null) {
            log.info("audit.shipper store reachable again instance={} after={}", instance,
                    Duration.between(before.unreachableSince(), clock.instant()));
        }
        progressLock.lock();
        try {
            status = new ShipperStatus(last.sequence(), clock.instant(), null, null,
                    before.shippedEvents() + outcome.created(), before.bulkRequests() + 1, before.retries());
            progressed.signalAll();
        } finally {
            progressLock.unlock();
        }
        if (outcome.alreadyThere() > 0) {
            log.info("audit.shipper resent events already stored instance={} count={} upTo={}", instance,
                    outcome.alreadyThere(), last.sequence());
        }
    }

    private void failed(String failure, List<SpoolRecord> batch) {
        ShipperStatus before = status;
        Instant since = before.unreachableSince() != null ? before.unreachableSince() : clock.instant();
        if (before.unreachableSince() == null) {
            log.warn("audit.shipper cannot ship instance={} from={} to={} reason={}", instance,
                    batch.getFirst().sequence(), batch.getLast().sequence(), failure);
        }
        status = new ShipperStatus(before.shippedSequence(), before.lastContact(), since, failure,
                before.shippedEvents(), before.bulkRequests(), before.retries() + 1);
    }

    private void contact() {
        ShipperStatus before = status;
        status = new ShipperStatus(before.shippedSequence(), clock.instant(), before.unreachableSince(),
                before.lastError(), before.shippedEvents(), before.bulkRequests(), before.retries());
    }

    /** Idle check that the writer can still reach and authenticate to Elasticsearch. */
    private void probe() {
        try {
            StoreResponse response = writer.send("GET", "/_security/_authenticate", null, null);
            if (response.status() == 200) {
                ShipperStatus before = status;
                status = new ShipperStatus(before.shippedSequence(), clock.instant(), null, null,
                        before.shippedEvents(), before.bulkRequests(), before.retries());
                return;
            }
            failedProbe("probe answered " + response.status() + ": " + response.bodyExcerpt());
        } catch (IOException e) {
            failedProbe("Elasticsearch unreachable at " + writer.hosts() + ": " + e.getMessage());
        }
    }

    private void failedProbe(String failure) {
        ShipperStatus before = status;
        status = new ShipperStatus(before.shippedSequence(), before.lastContact(),
                before.unreachableSince() != null ? before.unreachableSince() : clock.instant(), failure,
                before.shippedEvents(), before.bulkRequests(), before.retries());
    }

    private ShipperStatus withShipped(ShipperStatus before, long shipped) {
        return new ShipperStatus(shipped, before.lastContact(), before.unreachableSince(), before.lastError(),
                before.shippedEvents(), before.bulkRequests(), before.retries());
    }

    private void sleepUninterrupted(Duration pause) {
        long deadline = System.nanoTime() + pause.toNanos();
        long left;
        // unparks from new events must not shorten the back-off
        while (running && !closing && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /**
     * Ships what the spool holds once more (no linger, one attempt per batch, at most
     * {@link #FINAL_DRAIN} in all), then stops the thread. What is not shipped, because
     * Elasticsearch is away or the time ran out, stays in the spool for the next start.
     */
    @Override
    public void close() {
        Thread current = thread;
        if (current != null && running) {
            // Without this a stopped gateway would leave up to one linger of events out of search until it starts again.
            closing = true;
            LockSupport.unpark(current);
            join(current, FINAL_DRAIN);
        }
        running = false;
        if (current != null) {
            LockSupport.unpark(current);
            join(current, Duration.ofSeconds(10));
        }
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
