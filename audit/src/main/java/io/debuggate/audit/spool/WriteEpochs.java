package io.debuggate.audit.spool;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Write epochs of the spool. A failed batch ends the current epoch and rolls the chain back to
 * the last durable event, so sequence numbers after it are handed out again in the next epoch; a
 * waiting event therefore learns its fate from its own epoch: durable if its sequence was at or
 * below the last durable one when that epoch ended, failed otherwise.
 */
final class WriteEpochs {

    /** What a waiting event learns. */
    enum Fate { DURABLE, FAILED, PENDING }

    private final Map<Long, Long> lastDurableWhenEnded = new ConcurrentHashMap<>();
    private volatile long current;

    long current() {
        return current;
    }

    /** Ends the current epoch after a failed write; called under the append lock. */
    void endAfterFailure(long lastDurableSequence) {
        lastDurableWhenEnded.put(current, lastDurableSequence);
        current = current + 1;
    }

    Fate fate(long epoch, long sequence, java.util.function.LongSupplier durableSequence) {
        long before = current;
        long durable = durableSequence.getAsLong();
        long after = current;
        if (before == epoch && after == before) {
            return durable >= sequence ? Fate.DURABLE : Fate.PENDING;
        }
        Long lastGood = lastDurableWhenEnded.get(epoch);
        if (lastGood == null) {
            return durable >= sequence ? Fate.DURABLE : Fate.PENDING;
        }
        return sequence <= lastGood ? Fate.DURABLE : Fate.FAILED;
    }
}
