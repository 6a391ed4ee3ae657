package io.debuggate.gateway.health.source;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns cumulative counters into increases between two readings. A counter that went down was
 * reset (the process restarted) and counts from zero, as Prometheus' {@code increase()} does; a
 * changed identity (another pid) starts over without a value.
 */
final class CounterTracker {

    /** How much a counter grew over how many seconds. */
    record Increase(double amount, double seconds) {
        double perSecond() {
            return amount / seconds;
        }
    }

    private record Last(double value, long nanos, Object identity) {
    }

    private final ConcurrentMap<String, Last> last = new ConcurrentHashMap<>();

    /** Empty on the first reading of {@code key}, after an identity change, or when no time passed. */
    Optional<Increase> increase(String key, double value, long nanos, Object identity) {
        Last previous = last.put(key, new Last(value, nanos, identity));
        if (previous == null || !previous.identity().equals(identity) || nanos <= previous.nanos()) {
            return Optional.empty();
        }
        double amount = value >= previous.value() ? value - previous.value() : value;
        return Optional.of(new Increase(amount, (nanos - previous.nanos()) / 1e9));
    }

    void forget(String key) {
        last.remove(key);
    }
}
