package io.debuggate.gateway.tunnel;

import io.debuggate.policies.HaltBudget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bookkeeping of how long one target has been stopped: the current stop, and the stops within the
 * policy's window, so that both halves of the {@link HaltBudget} (per stop, and share of wall time)
 * can be checked on every poll. Not thread-safe: one watchdog owns it.
 */
final class HaltClock {

    private record Stop(long startNanos, long endNanos) {
    }

    private final Deque<Stop> stops = new ArrayDeque<>();
    private long stoppedSinceNanos = -1;

    /** Feeds one observation. */
    void observe(boolean running, long nowNanos) {
        if (!running && stoppedSinceNanos < 0) {
            stoppedSinceNanos = nowNanos;
        } else if (running && stoppedSinceNanos >= 0) {
            stops.addLast(new Stop(stoppedSinceNanos, nowNanos));
            stoppedSinceNanos = -1;
        }
    }

    Duration currentStop(long nowNanos) {
        return stoppedSinceNanos < 0 ? Duration.ZERO : Duration.ofNanos(nowNanos - stoppedSinceNanos);
    }

    /** Share of the window the target spent stopped, the current stop included. */
    double shareOfWindow(Duration window, long nowNanos) {
        long from = nowNanos - window.toNanos();
        while (!stops.isEmpty() && stops.peekFirst().endNanos() < from) {
            stops.removeFirst();
        }
        long stopped = 0;
        for (Stop s : stops) {
            stopped += s.endNanos() - Math.max(s.startNanos(), from);
        }
        if (stoppedSinceNanos >= 0) {
            stopped += nowNanos - Math.max(stoppedSinceNanos, from);
        }
        return (double) stopped / window.toNanos();
    }

    /** Why the budget is spent, or null while it holds. */
    String overBudget(HaltBudget budget, long nowNanos) {
        Duration stop = currentStop(nowNanos);
        if (stop.isZero()) {
            return null;
        }
        if (stop.compareTo(budget.perStop()) >= 0) {
            return "the target was halted for " + stop.toMillis() + " ms; the policy allows " + budget.perStop().toMillis()
                    + " ms per stop";
        }
        double share = shareOfWindow(budget.window(), nowNanos);
        if (share > budget.maxShareOfWallTime()) {
            return String.format("the target was halted %.1f%% of the last %d s; the policy allows %.1f%%", share * 100,
                    budget.window().toSeconds(), budget.maxShareOfWallTime() * 100);
        }
        return null;
    }
}
