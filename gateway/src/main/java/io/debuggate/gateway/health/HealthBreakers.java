package io.debuggate.gateway.health;

import io.debuggate.gateway.targets.Target;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every health breaker: one per instance and signal, all in the application's one Resilience4j
 * registry (named {@code health:<service>/<instance>:<signal>}, so Resilience4j's own metrics show
 * them too). Also keeps debuggate's own meters: {@code debuggate.health.breaker.state} (1 for the
 * current state), {@code debuggate.health.breaker.transitions} and {@code debuggate.health.signal.value}.
 */
public final class HealthBreakers {

    static final String NAME_PREFIX = "health:";

    private final CircuitBreakerRegistry registry;
    private final MeterRegistry meters;
    private final List<SignalSpec> specs;
    private final Duration sampleInterval;
    private final Duration calmPeriod;
    private final Clock clock;
    private final ConcurrentMap<String, SignalBreaker> breakers = new ConcurrentHashMap<>();

    public HealthBreakers(CircuitBreakerRegistry registry, MeterRegistry meters, List<SignalSpec> specs,
                          Duration sampleInterval, Duration calmPeriod, Clock clock) {
        this.registry = registry;
        this.meters = meters;
        this.specs = List.copyOf(specs);
        this.sampleInterval = sampleInterval;
        this.calmPeriod = calmPeriod;
        this.clock = clock;
    }

    public List<SignalSpec> specs() {
        return specs;
    }

    public Duration calmPeriod() {
        return calmPeriod;
    }

    /** Records a reading taken now; the returned changes must be announced by the caller. */
    public List<BreakerChange> record(Target target, String signal, String source, Reading reading) {
        SignalBreaker breaker = breaker(target.service(), target.instance(), signal);
        List<BreakerChange> changes;
        synchronized (breaker) {
            changes = breaker.record(reading, source, clock.instant());
        }
        for (BreakerChange c : changes) {
            Counter.builder("debuggate.health.breaker.transitions")
                    .description("Health breaker state changes")
                    .tags(tags(c.service(), c.instance(), c.signal()).and("from", c.from().name(), "to", c.to().name()))
                    .register(meters).increment();
        }
        return changes;
    }

    /** The breakers of one instance, by signal name; empty before its first sample. */
    public List<BreakerView> views(String service, String instance) {
        String prefix = service + "/" + instance + ":";
        return breakers.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(e -> e.getValue().view())
                .sorted(Comparator.comparing(BreakerView::signal))
                .toList();
    }

    /** The most recent trip of any breaker of the instance. */
    public Optional<Instant> lastTrip(String service, String instance) {
        return views(service, instance).stream().map(BreakerView::lastTripAt).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder());
    }

    List<SignalBreaker> of(String service, String instance) {
        String prefix = service + "/" + instance + ":";
        return breakers.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
    }

    private SignalBreaker breaker(String service, String instance, String signal) {
        return breakers.computeIfAbsent(service + "/" + instance + ":" + signal, key -> create(service, instance, signal));
    }

    private SignalBreaker create(String service, String instance, String signal) {
        SignalSpec spec = specs.stream().filter(s -> s.signal().equals(signal)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no policy threshold for health signal '" + signal
                        + "'; add it under health.signals in the policy"));
        String name = NAME_PREFIX + service + "/" + instance + ":" + signal;
        // No custom Resilience4j tags: Prometheus needs the same tag keys on every breaker's meters,
        // and the pprof upstream breakers have none. The name carries target and signal.
        CircuitBreaker r4j = registry.circuitBreaker(name, SignalBreaker.config(spec, sampleInterval, calmPeriod, clock));
        SignalBreaker breaker = new SignalBreaker(service, instance, spec, r4j, sampleInterval, calmPeriod, clock.instant());
        Tags tags = tags(service, instance, signal);
        for (BreakerState state : BreakerState.values()) {
            Gauge.builder("debuggate.health.breaker.state", breaker, b -> b.state() == state ? 1 : 0)
                    .description("1 for the health breaker's current state, 0 for the others")
                    .tags(tags.and("state", state.name().toLowerCase(java.util.Locale.ROOT)))
                    .register(meters);
        }
        Gauge.builder("debuggate.health.signal.value", breaker, b -> b.last() == null ? Double.NaN : b.last().value())
                .description("The last sample of the health signal (CPU share, 5xx ratio over the window, ...)")
                .tags(tags).register(meters);
        return breaker;
    }

    /** No {@code instance} tag: Prometheus would rename it on scrape ({@code exported_instance}). */
    private static Tags tags(String service, String instance, String signal) {
        return Tags.of("service", service, "target", service + "/" + instance, "signal", signal);
    }
}
