package io.debuggate.gateway.health;

/** A health breaker's state as the rest of the product sees it (Resilience4j's own type stays inside this package). */
public enum BreakerState {
    /** Healthy: sessions admitted. */
    CLOSED,
    /** Tripped: every session on the instance was cut and new ones are refused until it has been calm long enough. */
    OPEN,
    /** Calm again, on probation: newly approved sessions are admitted; one more bad window opens it again. */
    HALF_OPEN
}
