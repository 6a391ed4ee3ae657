package io.debuggate.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.testsupport.FakeClock;
import io.debuggate.approval.ActiveGrant;
import io.debuggate.approval.GrantWindow;
import io.debuggate.gateway.targets.Target;
import io.debuggate.policies.PolicyLoader;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who may open a session on a target whose health breaker tripped. Alice's grant was approved
 * before the trip; Erin's after it, while the target was on probation.
 */
class HealthGateTest {

    static final Target DEMO = new Target("payment-svc", "demo-0", "agent-demo", URI.create("http://127.0.0.1:1"));

    final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    final HealthBreakers breakers = new HealthBreakers(CircuitBreakerRegistry.ofDefaults(), new SimpleMeterRegistry(),
            SignalSpec.from(PolicyLoader.loadDefault().health()), Duration.ofSeconds(1), Duration.ofMinutes(10), clock);
    final TargetHealthGate gate = new TargetHealthGate(breakers);

    @Test
    void aTripClosesTheTargetAndVoidsEveryEarlierApproval() {
        // Step 1: a healthy target admits Alice, whose grant was approved a minute ago.
        ActiveGrant alice = grant("alice", clock.instant().minusSeconds(60));
        cpu(0.3, 5);
        assertThat(gate.admitsNewSessions(alice)).isTrue();
        assertThat(gate.admitsNewSessions("payment-svc", "demo-0")).isTrue();

        // Step 2: CPU above 70 % for 15 s trips the breaker; nobody gets in, the message says why and until when.
        cpu(0.95, 15);
        Instant trippedAt = clock.instant();
        assertThat(gate.admitsNewSessions(alice)).isFalse();
        TargetHealthGate.Refusal open = gate.check(alice).orElseThrow();
        assertThat(open.rule()).isEqualTo("health-breaker-open");
        assertThat(open.signal()).isEqualTo("cpu");
        assertThat(open.earliestReopen()).isEqualTo(trippedAt.plus(Duration.ofMinutes(10)));
        assertThat(open.message()).contains("payment-svc/demo-0 is closed to debugging", "'cpu' tripped at " + trippedAt,
                "cpu above 0.700", "calm for 10m", "at the earliest " + trippedAt.plus(Duration.ofMinutes(10)));
        assertThat(gate.refusalReason("payment-svc", "demo-0")).hasValueSatisfying(m -> assertThat(m).contains("closed"));

        // Step 3: ten calm minutes: on probation. Without an approval time the gate refuses;
        // Alice's pre-trip approval stays void; Erin, approved after the trip, gets in.
        cpu(0.2, 601);
        assertThat(breakers.views("payment-svc", "demo-0").getFirst().state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(gate.check("payment-svc", "demo-0", null)).hasValueSatisfying(r -> assertThat(r.rule()).isEqualTo("health-breaker-probation"));
        TargetHealthGate.Refusal stale = gate.check(alice).orElseThrow();
        assertThat(stale.rule()).isEqualTo("approved-before-trip");
        assertThat(stale.message()).contains("approved at " + alice.window().startsAt(), "tripped at " + trippedAt,
                "request a new session");
        ActiveGrant erin = grant("erin", clock.instant().minusSeconds(5));
        assertThat(gate.refusalReason(erin)).isEmpty();

        // Step 4: probation passes: CLOSED, but Alice's old approval is still void.
        cpu(0.2, 15);
        assertThat(breakers.views("payment-svc", "demo-0").getFirst().state()).isEqualTo(BreakerState.CLOSED);
        assertThat(gate.admitsNewSessions("payment-svc", "demo-0")).isTrue();
        assertThat(gate.admitsNewSessions(alice)).isFalse();
        assertThat(gate.admitsNewSessions(erin)).isTrue();
    }

    @Test
    void anotherInstanceIsNotAffected() {
        cpu(0.95, 15);
        assertThat(gate.admitsNewSessions("payment-svc", "demo-1")).isTrue();
        assertThat(gate.refusalReason("payment-svc", "demo-1", clock.instant().minusSeconds(3600))).isEmpty();
    }

    private void cpu(double value, int seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            breakers.record(DEMO, "cpu", "fake", new Reading.Level(value));
        }
    }

    private static ActiveGrant grant(String user, Instant approvedAt) {
        return new ActiveGrant("dr-" + user, user, "payment-svc", "demo-0", Set.of("pprof"), "pprof", List.of("heap"),
                new GrantWindow(approvedAt, approvedAt.plus(Duration.ofHours(1))));
    }
}
