package io.debuggate.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.testsupport.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedSignaturesTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));

    private OrderToken order(Duration ttl) {
        return OrderToken.issue("debuggate-gateway", "node-7", "payment-svc/demo-0", "sess-1", "alice", DebugTool.PPROF,
                clock, ttl);
    }

    @Test
    void aFullCacheForgetsExpiredOrdersFirst() {
        VerifiedSignatures cache = new VerifiedSignatures(2);
        cache.remember("short", order(Duration.ofSeconds(10)), clock.instant());
        cache.remember("long", order(Duration.ofMinutes(5)), clock.instant());
        clock.advance(Duration.ofMinutes(1));

        cache.remember("new", order(Duration.ofMinutes(5)), clock.instant());

        assertThat(cache.lookup("short")).isNull();
        assertThat(cache.lookup("long")).isNotNull();
        assertThat(cache.lookup("new")).isNotNull();
    }

    @Test
    void aCacheFullOfLiveOrdersStartsOverRatherThanGrow() {
        VerifiedSignatures cache = new VerifiedSignatures(2);
        cache.remember("a", order(Duration.ofMinutes(5)), clock.instant());
        cache.remember("b", order(Duration.ofMinutes(5)), clock.instant());

        cache.remember("c", order(Duration.ofMinutes(5)), clock.instant());

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.lookup("c")).isNotNull();
    }
}
