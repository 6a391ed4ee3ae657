package io.debuggate.agent.protocol;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the nonces of single-use tokens until they expire. A nonce only has to be
 * remembered as long as its token would otherwise pass, so expired entries are dropped.
 */
final class NonceLedger {

    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final int capacity;

    NonceLedger(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("nonce ledger capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records the nonce; refuses a nonce already recorded or a full ledger (fail closed). */
    synchronized void recordFirstUse(String nonce, Instant expiresAt, Instant now) throws OrderTokenRejectedException {
        if (seen.size() >= capacity) {
            seen.values().removeIf(expiry -> !expiry.isAfter(now));
        }
        if (seen.containsKey(nonce)) {
            throw new OrderTokenRejectedException(RejectionReason.REPLAYED,
                    "this token was already used (relay connections and heartbeats take single-use tokens);"
                            + " sign a fresh one each time (OrderToken.renewed)");
        }
        if (seen.size() >= capacity) {
            throw new OrderTokenRejectedException(RejectionReason.LEDGER_FULL,
                    capacity + " single-use tokens are still live; retry when some expire");
        }
        seen.put(nonce, expiresAt);
    }

    int size() {
        return seen.size();
    }
}
