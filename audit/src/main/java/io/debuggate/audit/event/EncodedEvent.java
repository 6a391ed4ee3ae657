package io.debuggate.audit.event;

/**
 * One event in its stored form.
 *
 * @param payload canonical JSON including {@code debuggate.chain.hash}; the exact bytes spooled
 *     and shipped
 */
public record EncodedEvent(String eventId, long sequence, long epochMillis, String hash, byte[] payload) {
}
