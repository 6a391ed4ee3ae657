package io.debuggate.agent.dlv;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.testsupport.FakeClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The switch's arithmetic on a fake clock; the real firing against dlv is in {@code DeadManSwitchAgentTest}. */
class DeadManSwitchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final AtomicReference<Optional<DlvAttachment>> dlv = new AtomicReference<>(Optional.empty());
    private final List<String> fired = new ArrayList<>();
    private final DeadManSwitch deadMan = new DeadManSwitch(TIMEOUT, clock, dlv::get, fired::add);

    private void attachNow() {
        dlv.set(Optional.of(new DlvAttachment(4711, 4242, new InetSocketAddress("127.0.0.1", 1), clock.instant())));
    }

    @Test
    void disarmedWithoutDlvWhateverTheSilence() {
        clock.advance(Duration.ofHours(1));
        assertThat(deadMan.check()).isFalse();
        assertThat(deadMan.armed()).isFalse();
        assertThat(deadMan.remaining()).isEmpty();
        assertThat(deadMan.heartbeat()).as("a heartbeat while disarmed says so").isFalse();
        assertThat(fired).isEmpty();
    }

    @Test
    void regularHeartbeatsNeverLetItFire() {
        attachNow();
        for (int i = 0; i < 200; i++) {
            clock.advance(Duration.ofMillis(9_900));
            assertThat(deadMan.check()).isFalse();
            assertThat(deadMan.heartbeat()).isTrue();
        }
        assertThat(fired).isEmpty();
    }

    @Test
    void theAttachCountsAsAHeartbeatAndSilenceAfterTheLastOneFires() {
        clock.advance(Duration.ofMinutes(5));
        deadMan.heartbeat(); // long before the attach: must not make the new attachment look overdue or fresh
        clock.advance(Duration.ofMinutes(5));
        attachNow();
        clock.advance(Duration.ofMillis(9_999));
        assertThat(deadMan.check()).isFalse();
        assertThat(deadMan.remaining()).contains(Duration.ofMillis(1));
        deadMan.heartbeat();
        clock.advance(Duration.ofMillis(9_999));
        assertThat(deadMan.check()).isFalse();
        clock.advance(Duration.ofMillis(501));
        assertThat(deadMan.check()).isTrue();
        assertThat(fired).containsExactly("dead-man switch: no heartbeat from the gateway for 10500 ms (timeout 10000 ms)");
        assertThat(deadMan.remaining()).contains(Duration.ZERO);
    }

    @Test
    void disarmedOnceDlvIsGone() {
        attachNow();
        clock.advance(Duration.ofSeconds(5));
        dlv.set(Optional.empty());
        clock.advance(Duration.ofMinutes(1));
        assertThat(deadMan.check()).isFalse();
        attachNow(); // a new session starts its own countdown
        clock.advance(Duration.ofSeconds(9));
        assertThat(deadMan.check()).isFalse();
        assertThat(fired).isEmpty();
    }
}
