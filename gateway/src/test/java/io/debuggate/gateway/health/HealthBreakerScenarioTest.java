package io.debuggate.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.testsupport.FakeClock;
import io.debuggate.gateway.targets.Target;
import io.debuggate.policies.PolicyLoader;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The breaker rules under the shipped default policy (CPU above 0.70 for 15 s; 5xx at 5 % over
 * 30 s once 20 requests were seen; calm period 10 min), one sample per second on a fake clock.
 *
 * <p>Samples are written as a small script: {@code 0.90x15} is fifteen CPU samples of 0.90,
 * {@code ?x3} three unknown samples, {@code W} a warm-up reading, {@code 10/100x5} five 5xx
 * samples of 10 errors in 100 requests.
 */
class HealthBreakerScenarioTest {

    static final Target DEMO = new Target("payment-svc", "demo-0", "agent-demo", URI.create("http://127.0.0.1:1"));

    FakeClock clock;
    HealthBreakers breakers;
    List<BreakerChange> changes;
    SimpleMeterRegistry meters;

    @BeforeEach
    void defaults() {
        clock = new FakeClock(Instant.parse("2026-03-01T10:00:00.250Z"));
        meters = new SimpleMeterRegistry();
        breakers = new HealthBreakers(CircuitBreakerRegistry.ofDefaults(), meters,
                SignalSpec.from(PolicyLoader.loadDefault().health()), Duration.ofSeconds(1),
                PolicyLoader.loadDefault().health().calmPeriod(), clock);
        changes = new ArrayList<>();
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // name, signal, script, expected state, trips, reason fragment
                Arguments.of("CPU above 0.70 for 15 s trips at the 15th sample", "cpu", "0.90x15", BreakerState.OPEN, 1,
                        "cpu above 0.700 in every sample for 15s (15 above, 0 unknown"),
                Arguments.of("14 s above does not trip", "cpu", "0.90x14", BreakerState.CLOSED, 0, null),
                Arguments.of("a dip below resets the 15 s", "cpu", "0.90x10 0.50 0.90x14", BreakerState.CLOSED, 0, null),
                Arguments.of("after a dip, 15 s above again trips", "cpu", "0.90x10 0.50 0.90x15", BreakerState.OPEN, 1, "15 above"),
                Arguments.of("exactly at the limit is not above it", "cpu", "0.70x40", BreakerState.CLOSED, 0, null),
                Arguments.of("15 s without a reading: an unseen target trips", "cpu", "?x15", BreakerState.OPEN, 1,
                        "no cpu reading for 15 samples in a row: agent down"),
                Arguments.of("above and unknown mixed for 15 s trips", "cpu", "0.90x7 ?x8", BreakerState.OPEN, 1, "7 above, 8 unknown"),
                Arguments.of("14 s unknown then healthy does not trip", "cpu", "?x14 0.30x20", BreakerState.CLOSED, 0, null),
                Arguments.of("a warm-up reading is neither good nor bad", "cpu", "0.90x7 W 0.90x7", BreakerState.CLOSED, 0, null),
                Arguments.of("quiet service: 1 failing request of 2 does not trip", "http-5xx", "1/2 0/0x40", BreakerState.CLOSED, 0, null),
                Arguments.of("a burst of 5 errors in 10 requests is under the minimum volume", "http-5xx", "5/10 0/0x40",
                        BreakerState.CLOSED, 0, null),
                Arguments.of("10 % 5xx with volume trips", "http-5xx", "10/100x5", BreakerState.OPEN, 1,
                        "http-5xx ratio 0.100 >= 0.050 over the last 30s (10 of 100 requests failed; 20 needed to judge)"),
                Arguments.of("3 % 5xx for a minute does not trip", "http-5xx", "3/100x60", BreakerState.CLOSED, 0, null),
                Arguments.of("5xx ratio counts the whole window, not one second", "http-5xx", "0/100x29 9/100", BreakerState.CLOSED, 0, null),
                Arguments.of("no scrape for the whole 30 s window trips", "http-5xx", "0/50x3 ?x30", BreakerState.OPEN, 1,
                        "no http-5xx reading for 30 samples in a row"),
                Arguments.of("29 missed scrapes, then data again, does not", "http-5xx", "?x29 0/50x30", BreakerState.CLOSED, 0, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String name, String signal, String script, BreakerState expected, int trips, String reason) {
        play(signal, script);
        assertThat(state(signal)).as(name).isEqualTo(expected);
        List<BreakerChange> opened = changes.stream().filter(c -> c.to() == BreakerState.OPEN).toList();
        assertThat(opened).as(name).hasSize(trips);
        if (reason != null) {
            assertThat(opened.getFirst().reason()).as(name).contains(reason);
        }
    }

    @Test
    void aTripCarriesTheWindowThatCausedItAndTheCrossingSampleIsLast() {
        play("cpu", "0.30x5 0.90x14");
        assertThat(changes).isEmpty();
        Instant crossing = clock.instant().plusSeconds(1);
        play("cpu", "0.95");
        BreakerChange trip = changes.getFirst();
        assertThat(trip.from()).isEqualTo(BreakerState.CLOSED);
        assertThat(trip.to()).isEqualTo(BreakerState.OPEN);
        assertThat(trip.at()).isEqualTo(crossing);
        assertThat(trip.samples()).hasSize(15).allMatch(s -> s.status() == SampleStatus.BREACH);
        assertThat(trip.samples().getLast().value()).isEqualTo(0.95);
        assertThat(trip.samples().getLast().at()).isEqualTo(crossing);
        assertThat(trip.earliestReopen()).isEqualTo(crossing.plus(Duration.ofMinutes(10)));
        assertThat(meters.get("debuggate.health.breaker.state").tags("signal", "cpu", "state", "open").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("debuggate.health.breaker.transitions").tags("to", "OPEN").counter().count()).isEqualTo(1.0);
    }

    @Test
    void anOpenBreakerWaitsForTheWholeCalmPeriodAndEveryBadSampleRestartsIt() {
        play("cpu", "0.90x15");
        Instant trippedAt = clock.instant();
        // Still hot for a minute: the calm clock has not started.
        play("cpu", "0.90x60");
        assertThat(state("cpu")).isEqualTo(BreakerState.OPEN);
        // Calm for 9 minutes, then one hot second: starts over.
        play("cpu", "0.20x540 0.90");
        assertThat(state("cpu")).isEqualTo(BreakerState.OPEN);
        Instant reopen = breakers.views("payment-svc", "demo-0").getFirst().earliestReopen();
        assertThat(reopen).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        // Unknown is not calm either.
        play("cpu", "0.20x300 ?");
        assertThat(state("cpu")).isEqualTo(BreakerState.OPEN);
        // Ten calm minutes: half open.
        play("cpu", "0.20x600");
        assertThat(state("cpu")).isEqualTo(BreakerState.OPEN);
        play("cpu", "0.20");
        assertThat(state("cpu")).isEqualTo(BreakerState.HALF_OPEN);
        BreakerChange half = changes.getLast();
        assertThat(half.from()).isEqualTo(BreakerState.OPEN);
        assertThat(half.reason()).contains("calm for 10m");
        assertThat(breakers.lastTrip("payment-svc", "demo-0")).contains(trippedAt);
        // Probation: one window of healthy samples closes it.
        play("cpu", "0.20x15");
        assertThat(state("cpu")).isEqualTo(BreakerState.CLOSED);
        assertThat(changes.getLast().from()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void onProbationAWholeBadWindowOpensItAgain() {
        play("cpu", "0.90x15 0.20x601");
        assertThat(state("cpu")).isEqualTo(BreakerState.HALF_OPEN);
        play("cpu", "0.90x14");
        assertThat(state("cpu")).isEqualTo(BreakerState.HALF_OPEN);
        play("cpu", "0.90");
        assertThat(state("cpu")).isEqualTo(BreakerState.OPEN);
        assertThat(changes.getLast().from()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(changes.stream().filter(c -> c.to() == BreakerState.OPEN)).hasSize(2);
        assertThat(breakers.lastTrip("payment-svc", "demo-0")).contains(clock.instant());
    }

    @Test
    void the5xxBreakerCalmsOnlyOnceTheBadRequestsLeftTheWindow() {
        play("http-5xx", "20/100x2");
        assertThat(state("http-5xx")).isEqualTo(BreakerState.OPEN);
        // Healthy traffic, but the 40 errors keep the 30 s window at 5 % or more up to 800 requests.
        play("http-5xx", "0/100x6");
        assertThat(breakers.views("payment-svc", "demo-0").getFirst().earliestReopen())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        play("http-5xx", "0/100");
        Instant calmFrom = clock.instant();
        play("http-5xx", "0/100x599");
        assertThat(state("http-5xx")).isEqualTo(BreakerState.OPEN);
        assertThat(breakers.views("payment-svc", "demo-0").getFirst().earliestReopen())
                .isEqualTo(calmFrom.plus(Duration.ofMinutes(10)));
        play("http-5xx", "0/100");
        assertThat(state("http-5xx")).isEqualTo(BreakerState.HALF_OPEN);
        // Probation is one more 30 s window, judged sample by sample (3 % in one second is fine).
        play("http-5xx", "0/100x10 3/100 0/100x18");
        assertThat(state("http-5xx")).isEqualTo(BreakerState.HALF_OPEN);
        play("http-5xx", "0/100");
        assertThat(state("http-5xx")).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void everyInstanceAndSignalHasItsOwnBreaker() {
        Target other = new Target("payment-svc", "demo-1", "agent-demo-1", URI.create("http://127.0.0.1:2"));
        play("cpu", "0.90x15");
        breakers.record(other, "cpu", "fake", new Reading.Level(0.9));
        assertThat(state("cpu")).isEqualTo(BreakerState.OPEN);
        assertThat(breakers.views("payment-svc", "demo-1")).singleElement()
                .satisfies(v -> assertThat(v.state()).isEqualTo(BreakerState.CLOSED));
        play("http-5xx", "0/10");
        assertThat(state("http-5xx")).isEqualTo(BreakerState.CLOSED);
    }

    private BreakerState state(String signal) {
        return breakers.views("payment-svc", "demo-0").stream().filter(v -> v.signal().equals(signal)).findFirst()
                .orElseThrow().state();
    }

    private void play(String signal, String script) {
        for (String token : script.trim().split("\\s+")) {
            String[] parts = token.split("x");
            int times = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            for (int i = 0; i < times; i++) {
                clock.advance(Duration.ofSeconds(1));
                changes.addAll(breakers.record(DEMO, signal, "fake", reading(parts[0])));
            }
        }
    }

    private static Reading reading(String token) {
        if (token.equals("?")) {
            return new Reading.Missing("agent down");
        }
        if (token.equals("W")) {
            return new Reading.Warmup("first reading");
        }
        if (token.contains("/")) {
            String[] c = token.split("/");
            return new Reading.Counts(Long.parseLong(c[1]), Long.parseLong(c[0]));
        }
        return new Reading.Level(Double.parseDouble(token));
    }
}
