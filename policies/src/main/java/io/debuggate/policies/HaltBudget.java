package io.debuggate.policies;

import java.time.Duration;

/**
 * How long a mode may keep the target halted: at most {@code perStop} per stop, and at most
 * {@code maxShareOfWallTime} of any sliding {@code window}. The gateway resumes the target itself
 * when either runs out. A zero {@code perStop} means the mode never halts.
 */
public record HaltBudget(Duration perStop, double maxShareOfWallTime, Duration window) {

    public HaltBudget {
        if (perStop == null || perStop.isNegative() || perStop.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("haltBudget.perStop must be between 0ms and 1m, got " + perStop);
        }
        if (!(maxShareOfWallTime >= 0.0 && maxShareOfWallTime <= 0.5)) {
            throw new IllegalArgumentException("haltBudget.maxShareOfWallTime must be between 0.0 and 0.5, got "
                    + maxShareOfWallTime + "; a production target halted half the time is not serving");
        }
        if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("haltBudget.window must be between 1s and 1h, got " + window);
        }
        if (perStop.compareTo(window) > 0) {
            throw new IllegalArgumentException("haltBudget.perStop " + perStop + " is longer than its window " + window);
        }
    }

    public boolean mayHalt() {
        return !perStop.isZero() && maxShareOfWallTime > 0;
    }
}
