package io.debuggate.approval.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Read-through cache of grant rows for the per-message check. Every change to a grant on this
 * node invalidates it after commit, so a revoke here is seen by the next message. Other replicas
 * see it within {@code ttl}; the default TTL is zero (no caching: one primary-key read per check),
 * because a revoke must be immediate everywhere unless an operator knowingly trades that away.
 *
 * <p>A load that raced an invalidation is not cached: the generation counter is read before the
 * database and compared before storing.
 */
public class GrantCache {

    private record Entry(Optional<GrantRecord> grant, long loadedAtMillis) {
    }

    private final GrantStore store;
    private final Clock clock;
    private final long ttlMillis;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public GrantCache(GrantStore store, Clock clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    public Optional<GrantRecord> get(String requestId) {
        if (ttlMillis <= 0) {
            return store.find(requestId);
        }
        long now = clock.millis();
        Entry cached = entries.get(requestId);
        if (cached != null && now - cached.loadedAtMillis() < ttlMillis) {
            return cached.grant();
        }
        long before = generation.get();
        Optional<GrantRecord> loaded = store.find(requestId);
        if (generation.get() == before) {
            entries.put(requestId, new Entry(loaded, now));
        }
        return loaded;
    }

    public void invalidate(String requestId) {
        generation.incrementAndGet();
        entries.remove(requestId);
    }
}
