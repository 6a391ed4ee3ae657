package io.debuggate.agent.protocol;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Orders whose Ed25519 signature this verifier has already checked, by their exact compact
 * text. The JDK's Ed25519 verify costs about a millisecond, and the gateway presents the same
 * pprof order for every fetch within half its lifetime; the same bytes under the same key give
 * the same verdict, so checking them again buys nothing. Only the signature step is skipped:
 * audience, target, tool and expiry are checked on every use, so a remembered order still
 * stops working when it expires.
 */
final class VerifiedSignatures {

    private final ConcurrentHashMap<String, OrderToken> verified = new ConcurrentHashMap<>();
    private final int capacity;

    VerifiedSignatures(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("verified-signature capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Nullable OrderToken lookup(String compact) {
        return verified.get(compact);
    }

    /** Remembers a verified order; when full, forgets the expired ones first and, failing that, all of them. */
    void remember(String compact, OrderToken order, Instant expiredBefore) {
        if (verified.size() >= capacity) {
            verified.values().removeIf(o -> o.expiresAt().isBefore(expiredBefore));
            if (verified.size() >= capacity) {
                // Only a cache: dropping everything costs one signature check per live order.
                verified.clear();
            }
        }
        verified.put(compact, order);
    }

    int size() {
        return verified.size();
    }
}
