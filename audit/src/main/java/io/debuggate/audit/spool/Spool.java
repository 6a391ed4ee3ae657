package io.debuggate.audit.spool;

import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.audit.event.EncodedEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local append-only event store that every event passes before it is acknowledged.
 *
 * <p>Group commit: {@link #append} chains and frames an event into memory under a short lock;
 * {@link #awaitDurable} then takes the I/O lock — the first thread to get it writes every frame
 * pending at that moment with one {@code write(2)} (and one {@code fdatasync} under
 * {@link FsyncPolicy#PER_EVENT}), the threads queued behind it find their event already written
 * and return at once. A failed write rolls the chain back to the last written event, fails every
 * event not yet written and leaves the spool usable if the file could be truncated.
 */
public final class Spool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    /** Builds the stored form of an event once its place in the chain is known. */
    @FunctionalInterface
    public interface EventSource {
        EncodedEvent encode(long sequence, String previousHash);
    }

    /** An appended event waiting to become durable. */
    public record Ticket(EncodedEvent event, long epoch) {
    }

    private record Chunk(long segment, SpoolFrames.FrameBuffer frames) {
    }

    private final SpoolConfig config;
    private final SpoolSegmentWriter segments;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantLock ioLock = new ReentrantLock();
    private final AtomicLong bytesOnDisk;
    private final WriteEpochs epochs = new WriteEpochs();
    private final SpoolFlusher flusher;
    private volatile Runnable onDurable = () -> { };

    // guarded by appendLock
    private long headSequence;
    private String headHash;
    private List<Chunk> pending = new ArrayList<>();
    private long pendingBytes;
    private long plannedSegment;
    private long plannedSegmentBytes;

    private volatile SpoolPosition durable;
    private volatile @Nullable String brokenReason;
    private volatile boolean closed;

    private Spool(SpoolConfig config, FileChannel lockChannel, FileLock lock, SpoolRecovery.State state) {
        this.config = config;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.headSequence = state.headSequence();
        this.headHash = state.headHash();
        this.bytesOnDisk = new AtomicLong(state.bytesOnDisk());
        this.segments = new SpoolSegmentWriter(config.directory(), state.activeSegment(), state.activeOffset());
        this.plannedSegment = state.activeSegment() > 0 ? state.activeSegment() : state.headSequence() + 1;
        this.plannedSegmentBytes = state.activeSegment() > 0 ? state.activeOffset() : 0;
        this.durable = new SpoolPosition(plannedSegment, plannedSegmentBytes, headSequence, headHash);
        this.flusher = new SpoolFlusher(config, segments);
    }

    /** Opens (and recovers) the spool in {@code config.directory()}, locking it for this process. */
    public static Spool open(SpoolConfig config) {
        Path directory = config.directory();
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve("spool.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new AuditUnavailableException("audit spool " + directory + " is in use by another trail or"
                        + " process: give every gateway instance its own spool directory");
            }
            SpoolRecovery.State state = SpoolRecovery.recover(directory, config.instance(),
                    ShippedCheckpoint.load(directory));
            Spool spool = new Spool(config, lockChannel, lock, state);
            spool.flusher.start();
            log.info("audit.spool opened dir={} instance={} head={} fsync={}", directory, config.instance(),
                    state.headSequence(), config.fsyncPolicy());
            return spool;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new AuditUnavailableException("cannot open audit spool " + directory + ": " + e.getMessage()
                    + "; make the folder writable and check free space", e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    public SpoolConfig config() {
        return config;
    }

    /** Called (on the writing thread) whenever more events became durable; must be cheap. */
    public void onDurable(Runnable listener) {
        this.onDurable = listener;
    }

    /** Chains the event and queues it for writing; follow with {@link #awaitDurable}. */
    public Ticket append(EventSource source) {
        appendLock.lock();
        try {
            if (closed) {
                throw new AuditUnavailableException("audit spool " + config.directory() + " is closed: the trail was"
                        + " shut down; events can no longer be recorded by this instance");
            }
            String broken = brokenReason;
            if (broken != null) {
                throw new AuditUnavailableException("audit spool " + config.directory() + " is unusable: " + broken);
            }
            if (bytesOnDisk.get() + pendingBytes > config.maxBytes()) {
                throw new AuditUnavailableException("audit spool " + config.directory() + " is full ("
                        + (bytesOnDisk.get() >> 20) + " MiB, limit " + (config.maxBytes() >> 20) + " MiB): Elasticsearch"
                        + " has not taken events for a while; restore it, or raise the spool limit");
            }
            long sequence = headSequence + 1;
            EncodedEvent event = source.encode(sequence, headHash);
            int frameBytes = SpoolFrames.HEADER_BYTES + event.payload().length;
            if (plannedSegmentBytes > 0 && plannedSegmentBytes + frameBytes > config.segmentBytes()) {
                plannedSegment = sequence;
                plannedSegmentBytes = 0;
            }
            Chunk chunk = pending.isEmpty() ? null : pending.getLast();
            if (chunk == null || chunk.segment() != plannedSegment) {
                chunk = new Chunk(plannedSegment, new SpoolFrames.FrameBuffer(Math.max(8192, frameBytes)));
                pending.add(chunk);
            }
            chunk.frames().append(sequence, event.epochMillis(), event.payload());
            plannedSegmentBytes += frameBytes;
            pendingBytes += frameBytes;
            headSequence = sequence;
            headHash = event.hash();
            return new Ticket(event, epochs.current());
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Returns once the ticket's event was written (and synced under {@link FsyncPolicy#PER_EVENT}).
     *
     * @throws AuditUnavailableException if its write failed; the event is not in the chain
     */
    public void awaitDurable(Ticket ticket) {
        if (isResolved(ticket)) {
            return;
        }
        ioLock.lock();
        try {
            if (isResolved(ticket)) {
                return;
            }
            writePending();
            if (!isResolved(ticket)) {
                throw new IllegalStateException("event " + ticket.event().eventId() + " was not written by its batch");
            }
        } finally {
            ioLock.unlock();
        }
    }

    /** True if durable; throws if its batch failed; false if still pending. */
    private boolean isResolved(Ticket ticket) {
        WriteEpochs.Fate fate = epochs.fate(ticket.epoch(), ticket.event().sequence(), () -> durable.sequence());
        if (fate == WriteEpochs.Fate.FAILED) {
            throw new AuditUnavailableException("audit event " + ticket.event().eventId()
                    + " could not be written to the spool " + config.directory() + ": " + brokenOr("a write failed"));
        }
        return fate == WriteEpochs.Fate.DURABLE;
    }

    // Called with ioLock held.
    private void writePending() {
        List<Chunk> batch;
        long lastSequence;
        String lastHash;
        appendLock.lock();
        try {
            batch = pending;
            pending = new ArrayList<>();
            pendingBytes = 0;
            lastSequence = headSequence;
            lastHash = headHash;
        } finally {
            appendLock.unlock();
        }
        if (batch.isEmpty()) {
            return;
        }
        SpoolSegmentWriter.Mark mark = segments.mark(durable.sequence());
        long written = 0;
        try {
            for (Chunk chunk : batch) {
                written += segments.write(chunk.segment(), chunk.frames().view());
            }
            if (config.fsyncPolicy() == FsyncPolicy.PER_EVENT) {
                segments.force();
            }
        } catch (IOException | RuntimeException e) {
            rollBack(mark, e);
            return;
        }
        bytesOnDisk.addAndGet(written);
        durable = new SpoolPosition(segments.segment(), segments.offset(), lastSequence, lastHash);
        onDurable.run();
    }

    private void rollBack(SpoolSegmentWriter.Mark mark, Exception cause) {
        appendLock.lock();
        try {
            SpoolPosition lastGood = durable;
            pending = new ArrayList<>();
            pendingBytes = 0;
            headSequence = lastGood.sequence();
            headHash = lastGood.hash();
            try {
                segments.restore(mark);
                plannedSegment = segments.segment() > 0 ? segments.segment() : headSequence + 1;
                plannedSegmentBytes = segments.segment() > 0 ? segments.offset() : 0;
                log.error("audit.spool write failed dir={} cause={}: events after sequence {} were refused",
                        config.directory(), cause.toString(), headSequence);
            } catch (IOException | RuntimeException e) {
                brokenReason = "a write failed (" + cause.getMessage() + ") and the file could not be restored ("
                        + e.getMessage() + "); fix the disk and restart the gateway";
                log.error("audit.spool broken dir={} reason={}", config.directory(), brokenReason);
            }
            epochs.endAfterFailure(lastGood.sequence());
        } finally {
            appendLock.unlock();
        }
    }

    private String brokenOr(String fallback) {
        String broken = brokenReason;
        return broken != null ? broken : fallback + "; see the gateway log";
    }

    /** Last event written to the spool (not necessarily shipped). */
    public SpoolPosition durablePosition() {
        return durable;
    }

    /** True unless a write failure left the spool unusable until restart. */
    public boolean writable() {
        return brokenReason == null;
    }

    public long bytesOnDisk() {
        return bytesOnDisk.get();
    }

    /** A reader for the shipper, resuming after the saved checkpoint. */
    public SpoolReader openReader() throws IOException {
        return new SpoolReader(config.directory(), ShippedCheckpoint.load(config.directory()));
    }

    /** Persists how far Elasticsearch has confirmed, and deletes segments that are wholly shipped. */
    public void markShipped(ShippedCheckpoint checkpoint) throws IOException {
        checkpoint.save(config.directory());
        bytesOnDisk.addAndGet(-SpoolFiles.deleteBefore(config.directory(), checkpoint.segment(), segments.segment()));
    }

    @Override
    public void close() {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            appendLock.unlock();
        }
        flusher.stop();
        ioLock.lock();
        try {
            writePending();
            segments.close();
        } finally {
            ioLock.unlock();
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // released with the channel below
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
