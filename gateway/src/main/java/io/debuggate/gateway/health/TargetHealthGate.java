package io.debuggate.gateway.health;

import io.debuggate.approval.ActiveGrant;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a target instance may get a new debug session, as far as its health is concerned. Ask
 * it when a session opens (and pprof asks it on every fetch). Two rules:
 * <ol>
 * <li>While any breaker of the instance is OPEN, nobody gets in; the message names the breaker,
 *     why it tripped and the soonest it can reopen.</li>
 * <li>A trip voids every approval given before it: a grant whose window started (= was approved)
 *     before the instance's last trip is refused for good, also after the breaker recovered. A
 *     new session needs a new approval.</li>
 * </ol>
 * Without a grant ({@link #refusalReason(String, String)}) a HALF_OPEN breaker refuses as well,
 * because the approval time is unknown.
 */
public final class TargetHealthGate {

    /**
     * Why a session is refused.
     *
     * @param rule {@code health-breaker-open}, {@code health-breaker-probation} or {@code approved-before-trip}
     * @param signal the breaker that refused
     * @param earliestReopen the soonest the breaker may admit newly approved sessions, when known
     */
    public record Refusal(String rule, String signal, String message, @Nullable Instant earliestReopen) {
    }

    private final HealthBreakers breakers;

    public TargetHealthGate(HealthBreakers breakers) {
        this.breakers = breakers;
    }

    public boolean admitsNewSessions(String service, String instance) {
        return check(service, instance, null).isEmpty();
    }

    /** For a session under {@code grant}: the grant's window start is its approval time. */
    public boolean admitsNewSessions(ActiveGrant grant) {
        return check(grant).isEmpty();
    }

    public Optional<String> refusalReason(String service, String instance) {
        return check(service, instance, null).map(Refusal::message);
    }

    public Optional<String> refusalReason(String service, String instance, Instant grantApprovedAt) {
        return check(service, instance, grantApprovedAt).map(Refusal::message);
    }

    public Optional<String> refusalReason(ActiveGrant grant) {
        return check(grant).map(Refusal::message);
    }

    public Optional<Refusal> check(ActiveGrant grant) {
        return check(grant.targetService(), grant.targetInstance(), grant.window().startsAt());
    }

    /** @param grantApprovedAt null when unknown: then a HALF_OPEN breaker refuses too */
    public Optional<Refusal> check(String service, String instance, @Nullable Instant grantApprovedAt) {
        String target = service + "/" + instance;
        Optional<SignalBreaker> open = breakers.of(service, instance).stream()
                .filter(b -> b.state() == BreakerState.OPEN)
                .max(Comparator.comparing(b -> b.earliestReopen() == null ? Instant.MIN : b.earliestReopen()));
        if (open.isPresent()) {
            SignalBreaker b = open.get();
            Instant reopen = b.earliestReopen();
            return Optional.of(new Refusal("health-breaker-open", b.signal(), "target " + target
                    + " is closed to debugging: its health breaker '" + b.signal() + "' tripped at " + b.lastTripAt()
                    + " (" + b.lastTripReason() + "). It admits newly approved sessions once " + b.signal()
                    + " has been calm for " + io.debuggate.policies.Durations.format(breakers.calmPeriod())
                    + (reopen == null ? "" : ", at the earliest " + reopen), reopen));
        }
        for (SignalBreaker b : breakers.of(service, instance)) {
            Instant trip = b.lastTripAt();
            if (grantApprovedAt == null && b.state() == BreakerState.HALF_OPEN) {
                return Optional.of(new Refusal("health-breaker-probation", b.signal(), "target " + target
                        + " is on probation after its health breaker '" + b.signal() + "' tripped at " + trip
                        + "; only sessions approved after the trip are admitted", null));
            }
            if (trip != null && grantApprovedAt != null && grantApprovedAt.isBefore(trip)) {
                return Optional.of(new Refusal("approved-before-trip", b.signal(), "this session was approved at "
                        + grantApprovedAt + ", before the health breaker '" + b.signal() + "' of " + target + " tripped at "
                        + trip + " (" + b.lastTripReason() + "); a trip voids earlier approvals: request a new session "
                        + "and have it approved again", null));
            }
        }
        return Optional.empty();
    }
}
