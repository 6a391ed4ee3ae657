package io.debuggate.audit.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Under {@link FsyncPolicy#BATCHED}, pushes written events to the disk every {@code fsyncInterval}
 * off the request path, which bounds what a power loss can take. It also forces and closes
 * segments the writer has finished, and syncs the directory that holds their successors.
 */
final class SpoolFlusher {

    private final SpoolConfig config;
    private final SpoolSegmentWriter segments;
    private final ConcurrentLinkedQueue<FileChannel> retired = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private Thread thread;

    SpoolFlusher(SpoolConfig config, SpoolSegmentWriter segments) {
        this.config = config;
        this.segments = segments;
    }

    void start() {
        if (config.fsyncPolicy() != FsyncPolicy.BATCHED || config.fsyncInterval().isZero()) {
            return;
        }
        running = true;
        segments.retireFinishedSegmentsTo(retired::add);
        thread = Thread.ofPlatform().daemon().name("audit-spool-flusher-" + config.instance()).start(this::run);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(config.fsyncInterval());
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }

    private void flush() {
        boolean rolled = false;
        FileChannel finished;
        while ((finished = retired.poll()) != null) {
            rolled = true;
            try (FileChannel closing = finished) {
                closing.force(false);
            } catch (IOException e) {
                // the events are written; only their durability against power loss is in question
            }
        }
        if (rolled) {
            SpoolFiles.syncDirectory(config.directory());
        }
        segments.forceQuietly();
    }

    /** Stops the thread after a last flush of finished segments. */
    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            segments.retireFinishedSegmentsTo(null);
            flush();
        }
    }
}
