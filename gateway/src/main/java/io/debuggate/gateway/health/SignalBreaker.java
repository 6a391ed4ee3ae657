package io.debuggate.gateway.health;

import io.debuggate.gateway.health.SignalSpec.LevelSpec;
import io.debuggate.gateway.health.SignalSpec.RatioSpec;
import io.debuggate.policies.Durations;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One Resilience4j breaker for one signal of one instance. Neither signal is a call the gateway
 * makes, so each <em>sample</em> is recorded as one call, failed or not by this class's judgement:
 *
 * <ul>
 * <li>Level signals (CPU, policy-defined ones): a sample fails when above the limit or unknown.
 *     A count-based window of {@code sustainedFor / sampleInterval} samples at a 100 % failure
 *     threshold trips exactly when every sample of the window failed. A count window, not a time
 *     window: Resilience4j's time window has one-second buckets, and a sampler tick that slips
 *     across a second boundary would make "15 s" mean 14 or 16 samples.</li>
 * <li>Ratio signals (5xx): a sample fails when the error ratio over the policy's window (the
 *     samples of the last {@code window}, counted exactly) is at or above the limit <em>and</em>
 *     the window holds at least the minimum volume, so a quiet service cannot trip it; the
 *     breaker trips on the first failed sample. Recording every request as a call instead would
 *     let Resilience4j judge half a sample: a quiet window followed by one busy second would
 *     trip on the first few of that second's requests although the whole second is healthy.</li>
 * <li>Unknown samples count against the target: a level breaker opens when its whole window is
 *     above or unknown, a ratio breaker after as many unknown samples in a row as its window holds.</li>
 * <li>While OPEN, Resilience4j's own timer is not used: the breaker moves to HALF_OPEN only after
 *     the signal has been calm (no failed or unknown sample) for the policy's calm period; every
 *     bad sample restarts that clock. On probation it judges one more window of samples and
 *     re-opens only if all of them failed.</li>
 * </ul>
 * Not thread-safe by itself: {@link HealthBreakers} records one sample at a time per breaker.
 */
final class SignalBreaker {

    /** What a failed sample is recorded with; its stack trace would say nothing. */
    private static final Exception BREACH = new Exception("health signal above its limit or unknown", null, false, false) {
    };

    private final String service;
    private final String instance;
    private final SignalSpec spec;
    private final CircuitBreaker breaker;
    private final Duration calmPeriod;
    private final int windowSamples;
    private final int blindAfter;
    private final ArrayDeque<HealthSample> recent = new ArrayDeque<>();
    private final RollingCounts rolling;
    private final List<CircuitBreaker.StateTransition> transitions = new ArrayList<>();
    private int unknownInARow;
    private boolean blind;
    private @Nullable Instant calmSince;
    private volatile Instant stateSince;
    private volatile String source = "";
    private volatile @Nullable HealthSample last;
    private volatile @Nullable Instant lastTripAt;
    private volatile @Nullable String lastTripReason;
    private volatile @Nullable Instant earliestReopen;

    SignalBreaker(String service, String instance, SignalSpec spec, CircuitBreaker breaker, Duration sampleInterval,
                  Duration calmPeriod, Instant createdAt) {
        this.service = service;
        this.instance = instance;
        this.spec = spec;
        this.breaker = breaker;
        this.calmPeriod = calmPeriod;
        this.windowSamples = spec.windowSamples(sampleInterval);
        this.blindAfter = spec.blindAfter(sampleInterval);
        this.rolling = new RollingCounts(spec instanceof RatioSpec r ? r.window() : Duration.ZERO);
        this.stateSince = createdAt;
        breaker.getEventPublisher().onStateTransition(e -> transitions.add(e.getStateTransition()));
    }

    /** The Resilience4j configuration that makes a breaker judge samples of {@code spec}. */
    static CircuitBreakerConfig config(SignalSpec spec, Duration sampleInterval, Duration calmPeriod, Clock clock) {
        CircuitBreakerConfig.Builder b = CircuitBreakerConfig.custom()
                .clock(clock)
                // We move OPEN -> HALF_OPEN ourselves once the signal is calm; Resilience4j's wait is only a floor.
                .waitDurationInOpenState(calmPeriod)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1));
        return switch (spec) {
            case LevelSpec level -> {
                int n = level.windowSamples(sampleInterval);
                yield b.slidingWindowType(SlidingWindowType.COUNT_BASED).slidingWindowSize(n).minimumNumberOfCalls(n)
                        .failureRateThreshold(100)
                        .permittedNumberOfCallsInHalfOpenState(n)
                        .build();
            }
            // Closed: the first failed sample trips (Resilience4j caps the minimum at the window size 1).
            // Half-open: the minimum makes it judge a whole window of samples before deciding.
            case RatioSpec ratio -> b.slidingWindowType(SlidingWindowType.COUNT_BASED).slidingWindowSize(1)
                    .minimumNumberOfCalls(ratio.windowSamples(sampleInterval))
                    .failureRateThreshold(100)
                    .permittedNumberOfCallsInHalfOpenState(ratio.windowSamples(sampleInterval))
                    .build();
        };
    }

    String signal() {
        return spec.signal();
    }

    SignalSpec spec() {
        return spec;
    }

    BreakerState state() {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            default -> BreakerState.CLOSED;
        };
    }

    @Nullable Instant lastTripAt() {
        return lastTripAt;
    }

    @Nullable String lastTripReason() {
        return lastTripReason;
    }

    /** While OPEN: the soonest it can reopen (now + calm period while the signal is still bad). */
    @Nullable Instant earliestReopen() {
        return state() == BreakerState.OPEN ? earliestReopen : null;
    }

    @Nullable HealthSample last() {
        return last;
    }

    BreakerView view() {
        HealthSample l = last;
        return new BreakerView(spec.signal(), state(), stateSince, source, l == null || Double.isNaN(l.value()) ? null : l.value(),
                l == null ? null : l.status(), spec.limit(), lastTripAt, lastTripReason, earliestReopen());
    }

    /** Records one reading taken at {@code at}; returns the state changes it caused, in order. */
    List<BreakerChange> record(Reading reading, String fromSource, Instant at) {
        if (reading instanceof Reading.Warmup) {
            return List.of();
        }
        source = fromSource;
        HealthSample sample = sample(reading, fromSource, at);
        last = sample;
        recent.addLast(sample);
        while (recent.size() > windowSamples) {
            recent.removeFirst();
        }
        unknownInARow = sample.status() == SampleStatus.UNKNOWN ? unknownInARow + 1 : 0;
        transitions.clear();
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            awaitCalm(sample, at);
        } else {
            feed(sample);
            if (unknownInARow >= blindAfter && breaker.getState() != CircuitBreaker.State.OPEN) {
                blind = true;
                breaker.transitionToOpenState();
            }
        }
        return changes(at);
    }

    private HealthSample sample(Reading reading, String fromSource, Instant at) {
        double limit = spec.limit();
        return switch (reading) {
            case Reading.Level level when spec instanceof LevelSpec -> new HealthSample(spec.signal(), at,
                    level.value() > limit ? SampleStatus.BREACH : SampleStatus.OK, level.value(), limit, 0, 0, fromSource, null);
            case Reading.Counts counts when spec instanceof RatioSpec ratio -> {
                rolling.add(at, counts.requests(), counts.errors());
                boolean breach = rolling.requests() >= ratio.minRequests() && rolling.ratio() >= ratio.maxRatio();
                yield new HealthSample(spec.signal(), at, breach ? SampleStatus.BREACH : SampleStatus.OK, rolling.ratio(),
                        limit, counts.requests(), counts.errors(), fromSource,
                        rolling.errors() + " of " + rolling.requests() + " requests in " + Durations.format(ratio.window()));
            }
            case Reading.Missing missing -> new HealthSample(spec.signal(), at, SampleStatus.UNKNOWN, Double.NaN, limit, 0, 0,
                    fromSource, missing.reason());
            default -> new HealthSample(spec.signal(), at, SampleStatus.UNKNOWN, Double.NaN, limit, 0, 0, fromSource,
                    "source " + fromSource + " answered " + reading.getClass().getSimpleName() + " for "
                            + spec.getClass().getSimpleName() + " signal " + spec.signal() + " (a configuration mistake)");
        };
    }

    private void feed(HealthSample sample) {
        // A ratio signal's unknown sample is no judgement of the window; its blindness is counted apart.
        if (spec instanceof RatioSpec && sample.status() == SampleStatus.UNKNOWN) {
            return;
        }
        if (permitted()) {
            outcome(sample.status() == SampleStatus.OK);
        }
    }

    /** Never asks an OPEN breaker: Resilience4j would move it to HALF_OPEN on its own timer. */
    private boolean permitted() {
        return breaker.getState() != CircuitBreaker.State.OPEN && breaker.tryAcquirePermission();
    }

    private void outcome(boolean ok) {
        if (ok) {
            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(0, TimeUnit.NANOSECONDS, BREACH);
        }
    }

    private void awaitCalm(HealthSample sample, Instant at) {
        if (sample.status() != SampleStatus.OK) {
            calmSince = null;
            earliestReopen = at.plus(calmPeriod);
            return;
        }
        if (calmSince == null) {
            calmSince = at;
            earliestReopen = at.plus(calmPeriod);
        }
        if (!Duration.between(calmSince, at).minus(calmPeriod).isNegative()) {
            breaker.transitionToHalfOpenState();
        }
    }

    private List<BreakerChange> changes(Instant at) {
        List<BreakerChange> changes = new ArrayList<>();
        for (CircuitBreaker.StateTransition t : transitions) {
            BreakerState from = map(t.getFromState());
            BreakerState to = map(t.getToState());
            if (from == to) {
                continue;
            }
            stateSince = at;
            String reason;
            Instant reopen = null;
            if (to == BreakerState.OPEN) {
                reason = tripReason();
                lastTripAt = at;
                lastTripReason = reason;
                calmSince = null;
                reopen = at.plus(calmPeriod);
                earliestReopen = reopen;
                blind = false;
            } else if (to == BreakerState.HALF_OPEN) {
                reason = spec.signal() + " calm for " + Durations.format(calmPeriod)
                        + ": newly approved sessions are admitted; one more bad window opens it again";
            } else {
                reason = spec.signal() + " stayed healthy through its probation window";
            }
            changes.add(new BreakerChange(service, instance, spec.signal(), from, to, at, List.copyOf(recent), reason, reopen));
        }
        transitions.clear();
        return changes;
    }

    private String tripReason() {
        HealthSample l = last;
        String lastNote = l == null || l.note() == null ? "" : ": " + l.note();
        if (blind || (spec instanceof LevelSpec && unknownInARow >= windowSamples)) {
            return "no " + spec.signal() + " reading for " + unknownInARow + " samples in a row" + lastNote;
        }
        return switch (spec) {
            case LevelSpec level -> {
                long unknown = recent.stream().filter(s -> s.status() == SampleStatus.UNKNOWN).count();
                long above = recent.stream().filter(s -> s.status() == SampleStatus.BREACH).count();
                yield spec.signal() + " above " + HealthSample.format(level.max()) + " in every sample for "
                        + Durations.format(level.sustainedFor()) + " (" + above + " above, " + unknown + " unknown; last "
                        + (l == null ? "none" : l.brief()) + ")";
            }
            case RatioSpec ratio -> spec.signal() + " ratio " + HealthSample.format(rolling.ratio()) + " >= "
                    + HealthSample.format(ratio.maxRatio()) + " over the last " + Durations.format(ratio.window()) + " ("
                    + rolling.errors() + " of " + rolling.requests() + " requests failed; " + ratio.minRequests()
                    + " needed to judge)";
        };
    }

    private static BreakerState map(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            default -> BreakerState.CLOSED;
        };
    }
}
