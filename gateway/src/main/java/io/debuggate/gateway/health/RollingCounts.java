package io.debuggate.gateway.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/** Requests and errors of the samples within the last {@code window}, for the error ratio an open breaker watches while it waits to calm down. */
final class RollingCounts {

    private record Entry(Instant at, long requests, long errors) {
    }

    private final Duration window;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long requests;
    private long errors;

    RollingCounts(Duration window) {
        this.window = window;
    }

    void add(Instant at, long newRequests, long newErrors) {
        entries.addLast(new Entry(at, newRequests, newErrors));
        requests += newRequests;
        errors += newErrors;
        Instant oldest = at.minus(window);
        while (!entries.isEmpty() && !entries.peekFirst().at().isAfter(oldest)) {
            Entry gone = entries.removeFirst();
            requests -= gone.requests();
            errors -= gone.errors();
        }
    }

    long requests() {
        return requests;
    }

    long errors() {
        return errors;
    }

    double ratio() {
        return requests == 0 ? 0.0 : errors / (double) requests;
    }
}
