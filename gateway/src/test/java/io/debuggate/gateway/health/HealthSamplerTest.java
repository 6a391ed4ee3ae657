package io.debuggate.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.AuditRecord;
import io.debuggate.gateway.alerting.Alert;
import io.debuggate.gateway.targets.Target;
import io.debuggate.gateway.targets.TargetRegistry;
import io.debuggate.gateway.targets.TargetsProperties;
import io.debuggate.policies.HealthThresholds;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sampling loop with fake sources and the real clock: what is published, audited and alerted
 * on a trip, how fast, and what a failing or slow source becomes.
 */
class HealthSamplerTest {

    static final Target DEMO = new Target("payment-svc", "demo-0", "agent-demo", URI.create("http://127.0.0.1:1"));

    /** CPU above 0.70 for 3 s, so three samples trip it; 5xx as shipped; calm 10 s. */
    final HealthBreakers breakers = new HealthBreakers(CircuitBreakerRegistry.ofDefaults(), new SimpleMeterRegistry(),
            SignalSpec.from(new HealthThresholds(0.70, Duration.ofSeconds(3), 0.05, 20, Duration.ofSeconds(30),
                    Duration.ofSeconds(10))), Duration.ofSeconds(1), Duration.ofSeconds(10), Clock.systemUTC());
    final List<Object> events = new CopyOnWriteArrayList<>();
    final List<Instant> eventSeenAt = new CopyOnWriteArrayList<>();
    final List<AuditRecord> audited = new CopyOnWriteArrayList<>();
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    final BreakerAnnouncer announcer = new BreakerAnnouncer(event -> {
        eventSeenAt.add(Instant.now());
        events.add(event);
    }, record -> {
        audited.add(record);
        return null;
    }, alerts::add, breakers);
    SourceRouter router;

    @AfterEach
    void close() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void aTripIsPublishedWithinMillisecondsOfTheCrossingSampleThenAuditedAndAlerted() {
        AtomicReference<Double> cpu = new AtomicReference<>(0.95);
        router = new SourceRouter(List.of(fixed("agent", Set.of("cpu"), () -> new Reading.Level(cpu.get()))), Duration.ofMillis(500));
        HealthSampler sampler = sampler();

        sampler.sample(DEMO);
        sampler.sample(DEMO);
        assertThat(events).isEmpty();
        sampler.sample(DEMO);

        TargetBreakerTripped tripped = (TargetBreakerTripped) events.getFirst();
        assertThat(tripped.target()).isEqualTo("payment-svc/demo-0");
        assertThat(tripped.signal()).isEqualTo("cpu");
        assertThat(tripped.samples()).hasSize(3).allMatch(s -> s.value() == 0.95 && s.source().equals("agent"));
        Instant crossing = tripped.samples().getLast().at();
        Duration latency = Duration.between(crossing, eventSeenAt.getFirst());
        assertThat(latency).as("crossing sample to published event").isLessThanOrEqualTo(Duration.ofMillis(500));
        System.out.println("trip latency (crossing sample -> event published): " + latency.toNanos() / 1000 + " us");

        AuditRecord record = audited.getFirst();
        assertThat(record.action()).isEqualTo("health.breaker.opened");
        assertThat(record.user()).isEqualTo("system");
        assertThat(record.target()).isEqualTo("payment-svc/demo-0");
        assertThat(record.reason()).contains("cpu above 0.700 in every sample for 3s");
        assertThat((List<?>) record.details().get("samples")).hasSize(3)
                .allSatisfy(s -> {
                    assertThat(((Map<?, ?>) s).get("status")).isEqualTo("BREACH");
                    assertThat(((Map<?, ?>) s).get("value")).isEqualTo(0.95);
                });
        assertThat(record.details()).containsEntry("signal", "cpu").containsKey("earliestReopen");

        Alert alert = alerts.getFirst();
        assertThat(alert.severity()).isEqualTo("critical");
        assertThat(alert.title()).isEqualTo("Debug sessions on payment-svc/demo-0 cut: health breaker 'cpu' opened");
        assertThat(alert.text()).contains("the service keeps running", "calm for 10s", "0.950>0.700 (agent)");
        assertThat(alert.fields()).containsEntry("signal", "cpu").containsEntry("target", "payment-svc/demo-0");

        // Open: more hot samples neither publish nor alert again.
        sampler.sample(DEMO);
        assertThat(events).hasSize(1);
        assertThat(alerts).hasSize(1);
    }

    @Test
    void aSourceThatFailsOrIsLateGivesUnknownSamplesWithTheReason() {
        router = new SourceRouter(List.of(
                fixed("agent", Set.of("cpu"), () -> {
                    throw new IllegalStateException("agent refused: 503 target_unavailable");
                }),
                fixed("scrape", Set.of("cpu", "http-5xx"), () -> {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Reading.Counts(1, 0);
                })), Duration.ofMillis(300));
        HealthSampler sampler = sampler();
        long started = System.nanoTime();
        sampler.sample(DEMO);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a late source does not hold the round")
                .isLessThan(Duration.ofSeconds(2));

        // cpu comes from the first source that supplies it (agent), 5xx from the scrape.
        BreakerView cpu = view("cpu");
        assertThat(cpu.source()).isEqualTo("agent");
        assertThat(cpu.lastStatus()).isEqualTo(SampleStatus.UNKNOWN);
        assertThat(cpu.lastValue()).isNull();
        BreakerView errors = view("http-5xx");
        assertThat(errors.source()).isEqualTo("scrape");
        assertThat(errors.lastStatus()).isEqualTo(SampleStatus.UNKNOWN);

        // Three unknown CPU samples are a blind window: the breaker opens and says why.
        sampler.sample(DEMO);
        sampler.sample(DEMO);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !events.isEmpty());
        TargetBreakerTripped tripped = (TargetBreakerTripped) events.getFirst();
        assertThat(tripped.signal()).isEqualTo("cpu");
        assertThat(tripped.samples()).allSatisfy(s -> assertThat(s.note()).contains("agent refused: 503 target_unavailable"));
        assertThat(audited.getFirst().reason()).startsWith("no cpu reading for 3 samples in a row");
        assertThat(view("http-5xx").state()).as("3 of 30 unknown scrapes are not blindness yet").isEqualTo(BreakerState.CLOSED);
    }

    private BreakerView view(String signal) {
        return breakers.views("payment-svc", "demo-0").stream().filter(v -> v.signal().equals(signal)).findFirst().orElseThrow();
    }

    private HealthSampler sampler() {
        return new HealthSampler(new TargetRegistry(new TargetsProperties(List.of())), router, breakers, announcer,
                Duration.ofSeconds(1));
    }

    interface ReadingSupplier {
        Reading get() throws Exception;
    }

    static HealthSource fixed(String name, Set<String> signals, ReadingSupplier reading) {
        return new HealthSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean supplies(Target target, String signal) {
                return signals.contains(signal);
            }

            @Override
            public Map<String, Reading> read(Target target, Set<String> asked) throws Exception {
                Reading r = reading.get();
                return asked.stream().collect(java.util.stream.Collectors.toMap(s -> s, s -> r));
            }
        };
    }
}
