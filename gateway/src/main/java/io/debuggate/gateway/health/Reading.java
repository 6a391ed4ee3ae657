package io.debuggate.gateway.health;

/** What a {@link HealthSource} read for one signal in one sampling round. */
public sealed interface Reading {

    /** A level, compared with the signal's maximum (CPU share, GC pause seconds, p99 latency, …). */
    record Level(double value) implements Reading {
        public Level {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("a level must be a finite number, got " + value);
            }
        }
    }

    /** Requests and failed requests in the interval since the previous reading (from counters). */
    record Counts(long requests, long errors) implements Reading {
        public Counts {
            if (requests < 0 || errors < 0 || errors > requests) {
                throw new IllegalArgumentException("counts need 0 <= errors <= requests, got " + errors + " of " + requests);
            }
        }
    }

    /** Nothing could be read; {@code reason} says why (it ends up in the audit trail and the alert). */
    record Missing(String reason) implements Reading {
    }

    /**
     * Not a value yet, but not a failure either: a counter's first reading (a rate needs two) or the
     * first after the process restarted.
     */
    record Warmup(String why) implements Reading {
    }
}
