package io.debuggate.policies.masking;

/**
 * Replaces customer data in text before a human, a log line or the audit store sees it.
 * Implementations are thread-safe and idempotent: masking masked text changes nothing.
 */
@FunctionalInterface
public interface Masker {

    String mask(String text);

    /** For wiring where masking is deliberately off (never the default). */
    static Masker identity() {
        return text -> text;
    }
}
