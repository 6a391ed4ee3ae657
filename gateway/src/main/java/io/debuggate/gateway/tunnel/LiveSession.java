package io.debuggate.gateway.tunnel;

import io.debuggate.gateway.sessions.SessionGrant;
import io.debuggate.policies.ModePolicy;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A granted session while at least one debugger connection uses it. The grant is re-checked on
 * every message against this object, which the registry ends when the grant is revoked, expires,
 * a breaker trips or an admin pulls the kill switch: in memory, so the check costs nanoseconds.
 */
final class LiveSession {

    private final SessionGrant grant;
    private final Supplier<ModePolicy> mode;
    private final String traceId;
    private volatile @Nullable String endedBecause;

    LiveSession(SessionGrant grant, ModePolicy mode, String traceId) {
        this(grant, () -> mode, traceId);
    }

    /** {@code mode} is asked at every use, so a policy reload reaches the messages of a running session. */
    LiveSession(SessionGrant grant, Supplier<ModePolicy> mode, String traceId) {
        this.grant = grant;
        this.mode = mode;
        this.traceId = traceId;
    }

    SessionGrant grant() {
        return grant;
    }

    String id() {
        return grant.sessionId();
    }

    String user() {
        return grant.caller().username();
    }

    String targetName() {
        return grant.target().name();
    }

    ModePolicy mode() {
        return mode.get();
    }

    String traceId() {
        return traceId;
    }

    /** Why no further message may pass, or empty while the grant holds. */
    Optional<String> refusal(Instant now) {
        String ended = endedBecause;
        if (ended != null) {
            return Optional.of(ended);
        }
        if (!grant.grant().window().contains(now)) {
            return Optional.of("session " + id() + " ended: its grant window closed at " + grant.grant().window().endsAt()
                    + "; request a new session");
        }
        return Optional.empty();
    }

    /** Ends the session for good; the first reason wins. */
    synchronized boolean end(String why) {
        if (endedBecause != null) {
            return false;
        }
        endedBecause = why;
        return true;
    }

    boolean ended() {
        return endedBecause != null;
    }
}
