package io.debuggate.audit.spool;

/**
 * Under {@link FsyncPolicy#BATCHED}, pushes written events to the disk every {@code fsyncInterval}
 * off the request path, which bounds what a power loss can take.
 */
final class SpoolFlusher {

    private final SpoolConfig config;
    private final SpoolSegmentWriter segments;
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
        thread = Thread.ofPlatform().daemon().name("audit-spool-flusher-" + config.instance()).start(this::run);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(config.fsyncInterval());
            } catch (InterruptedException e) {
                return;
            }
            segments.forceQuietly();
        }
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
