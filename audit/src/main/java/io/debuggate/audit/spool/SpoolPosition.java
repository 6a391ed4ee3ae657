package io.debuggate.audit.spool;

/**
 * A point in the spool.
 *
 * @param segment first sequence of the segment file (its name)
 * @param offset byte offset inside that file just after the frame of {@code sequence}
 * @param sequence last sequence before this point (0 when none)
 * @param hash chain hash of {@code sequence} ({@code ChainHash.GENESIS} when none)
 */
public record SpoolPosition(long segment, long offset, long sequence, String hash) {
}
