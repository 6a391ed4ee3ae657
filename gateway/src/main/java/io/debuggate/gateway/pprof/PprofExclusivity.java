package io.debuggate.gateway.pprof;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * One CPU profile and one execution trace at a time per target, as the Go runtime itself allows:
 * a second {@code profile} (or {@code trace}) on a busy target is refused here, naming who holds
 * the slot and until when, instead of being forwarded to Go's bare 500 ("cpu profiling already in
 * use"). Slots are held by this gateway instance; a profile started outside the gateway still
 * meets Go's own refusal.
 */
final class PprofExclusivity {

    /** The endpoints that take a process-wide slot, with Go's default duration when {@code seconds} is absent. */
    private static final Map<String, Integer> SLOTS = Map.of("profile", 30, "trace", 1);
    /**
     * A slot still held this long after its profile should have ended was never released (a
     * response that was never written): it is taken over rather than blocking the target for good.
     */
    private static final Duration STALE_AFTER = Duration.ofSeconds(60);

    private final ConcurrentMap<Key, Holder> held = new ConcurrentHashMap<>();
    private final Clock clock;

    PprofExclusivity(Clock clock) {
        this.clock = clock;
    }

    /** Either the slot ({@link Lease}) or who holds it ({@link Busy}). */
    sealed interface Attempt permits Lease, Busy {
    }

    /** A held slot (or none needed); {@link #close()} frees it and may be called more than once. */
    static final class Lease implements Attempt, AutoCloseable {
        private final @Nullable Runnable release;

        private Lease(@Nullable Runnable release) {
            this.release = release;
        }

        @Override
        public void close() {
            if (release != null) {
                release.run();
            }
        }
    }

    /** Who holds a slot: shown to the next person who asks for it. */
    record Holder(String sessionId, String user, Instant started, Instant ends) {
    }

    /** Why a fetch must wait: the holder, and how long until its profile ends. */
    record Busy(String target, String profile, Holder holder, Duration remaining) implements Attempt {

        String message() {
            String what = profile.equals("trace") ? "an execution trace" : "a CPU profile";
            return what + " of " + target + " is already running for session " + holder.sessionId() + ", started by "
                    + holder.user() + " at " + holder.started() + ", ends in ~" + retryAfterSeconds()
                    + "s; retry after it (Go runs one " + (profile.equals("trace") ? "trace" : "CPU profile")
                    + " per process at a time)";
        }

        long retryAfterSeconds() {
            return Math.max(1, (remaining.toMillis() + 999) / 1000);
        }
    }

    private record Key(String target, String profile) {
    }

    /**
     * Takes the target's slot for {@code profile}, if that profile has one.
     *
     * @param seconds the validated {@code seconds} parameter, or null for Go's default
     */
    Attempt acquire(String target, String profile, @Nullable Integer seconds, String sessionId, String user) {
        Integer defaultSeconds = SLOTS.get(profile);
        if (defaultSeconds == null) {
            return new Lease(null);
        }
        Key key = new Key(target, profile);
        Instant now = clock.instant();
        Holder mine = new Holder(sessionId, user, now, now.plusSeconds(seconds != null ? seconds : defaultSeconds));
        Holder current = held.putIfAbsent(key, mine);
        if (current != null && now.isAfter(current.ends().plus(STALE_AFTER)) && held.replace(key, current, mine)) {
            current = null;
        }
        if (current != null) {
            Duration remaining = Duration.between(now, current.ends());
            return new Busy(target, profile, current, remaining.isNegative() ? Duration.ZERO : remaining);
        }
        return new Lease(() -> held.remove(key, mine));
    }
}
