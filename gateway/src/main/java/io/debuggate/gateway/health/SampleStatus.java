package io.debuggate.gateway.health;

/** How one sample counts for its breaker. */
public enum SampleStatus {
    /** At or below the limit. */
    OK,
    /** Above the limit (level signals) or the window's error ratio at or above it (ratio signals). */
    BREACH,
    /** No value could be read: counts against the target, because an unseen target is not a healthy one. */
    UNKNOWN
}
