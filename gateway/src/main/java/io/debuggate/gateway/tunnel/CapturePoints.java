package io.debuggate.gateway.tunnel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The breakpoints of one target that snapshot mode turned into captures, each with what is left of
 * its hit limit and when it expires. Registered by a client's connection, consumed by the
 * target's watchdog.
 */
final class CapturePoints {

    /** One capture breakpoint. */
    record Point(int breakpointId, LiveSession session, int hitLimit, int hits, Instant expiresAt) {

        Point hit() {
            return new Point(breakpointId, session, hitLimit, hits + 1, expiresAt);
        }

        boolean exhausted() {
            return hits >= hitLimit;
        }
    }

    private final Map<Integer, Point> points = new ConcurrentHashMap<>();

    void add(int breakpointId, LiveSession session, int hitLimit, Instant expiresAt) {
        points.put(breakpointId, new Point(breakpointId, session, hitLimit, 0, expiresAt));
    }

    Optional<Point> get(int breakpointId) {
        return Optional.ofNullable(points.get(breakpointId));
    }

    void put(Point point) {
        points.put(point.breakpointId(), point);
    }

    void remove(int breakpointId) {
        points.remove(breakpointId);
    }

    boolean isEmpty() {
        return points.isEmpty();
    }

    List<Point> expired(Instant now) {
        return points.values().stream().filter(p -> !now.isBefore(p.expiresAt())).toList();
    }

    /** Forgets the points of a session that ended (its breakpoints go with the teardown or with it). */
    void removeSession(String sessionId) {
        points.values().removeIf(p -> p.session().id().equals(sessionId));
    }
}
