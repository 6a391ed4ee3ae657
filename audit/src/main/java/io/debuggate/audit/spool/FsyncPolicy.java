package io.debuggate.audit.spool;

/**
 * When the spool asks the operating system to put written events on the disk itself.
 *
 * <p>Either way {@code record} returns only after the event's bytes were handed to the kernel
 * ({@code write(2)}), so a killed or crashed gateway process loses nothing. The policies differ
 * on power loss or a kernel crash:
 */
public enum FsyncPolicy {
    /**
     * {@code fdatasync} before every {@code record} returns (concurrent records share one call).
     * Nothing acknowledged is lost even on power loss; costs a disk flush per batch.
     */
    PER_EVENT,
    /**
     * The default: group commit into the page cache, plus a background {@code fdatasync} every
     * {@code fsyncInterval}. Power loss can cost the events acknowledged within the last interval
     * that Elasticsearch had not yet taken.
     */
    BATCHED
}
