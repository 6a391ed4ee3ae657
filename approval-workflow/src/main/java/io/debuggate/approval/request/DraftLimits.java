package io.debuggate.approval.request;

import java.time.Duration;

/**
 * The bounds validation applies that come from configuration.
 *
 * @param maxGrantDuration the longest grant anyone may request
 * @param defaultGrantDuration used when a draft does not say
 */
public record DraftLimits(Duration maxGrantDuration, Duration defaultGrantDuration) {

    public DraftLimits {
        if (maxGrantDuration.toMinutes() < 1) {
            throw new IllegalArgumentException("maxGrantDuration " + maxGrantDuration + " is shorter than a minute; set at least PT1M");
        }
        if (defaultGrantDuration.toMinutes() < 1 || defaultGrantDuration.compareTo(maxGrantDuration) > 0) {
            throw new IllegalArgumentException("defaultGrantDuration " + defaultGrantDuration
                    + " must be at least PT1M and at most maxGrantDuration " + maxGrantDuration);
        }
    }

    long maxMinutes() {
        return maxGrantDuration.toMinutes();
    }
}
