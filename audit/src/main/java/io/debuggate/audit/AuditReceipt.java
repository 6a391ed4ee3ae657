package io.debuggate.audit;

/** Proof that an event is durable: its place in the chain and its hash. */
public record AuditReceipt(String eventId, long sequence, String hash) {
}
