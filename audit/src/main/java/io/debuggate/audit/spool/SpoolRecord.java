package io.debuggate.audit.spool;

/** One event as read back from the spool: its place in the chain and its stored bytes. */
public record SpoolRecord(long sequence, long epochMillis, byte[] payload) {
}
