package io.debuggate.gateway.pprof;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.testsupport.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-target CPU-profile and trace slots, on a fake clock. */
class PprofExclusivityTest {

    private static final String TARGET = "payment-svc/demo-0";
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final PprofExclusivity slots = new PprofExclusivity(clock);

    @Test
    void aSecondCpuProfileWaitsForTheFirstAndATraceDoesNot() {
        PprofExclusivity.Attempt first = slots.acquire(TARGET, "profile", 20, "dr-1", "alice");
        assertThat(first).isInstanceOf(PprofExclusivity.Lease.class);
        clock.advance(Duration.ofSeconds(5));

        PprofExclusivity.Attempt second = slots.acquire(TARGET, "profile", null, "dr-2", "bob");
        assertThat(second).isInstanceOfSatisfying(PprofExclusivity.Busy.class, busy -> {
            assertThat(busy.retryAfterSeconds()).isEqualTo(15);
            assertThat(busy.message()).isEqualTo("a CPU profile of payment-svc/demo-0 is already running for session dr-1,"
                    + " started by alice at 2026-11-26T10:00:00Z, ends in ~15s; retry after it (Go runs one CPU profile"
                    + " per process at a time)");
        });
        assertThat(slots.acquire(TARGET, "trace", 1, "dr-2", "bob")).as("a separate slot").isInstanceOf(PprofExclusivity.Lease.class);
        assertThat(slots.acquire("payment-svc/demo-1", "profile", 5, "dr-3", "bob")).as("another target")
                .isInstanceOf(PprofExclusivity.Lease.class);
        assertThat(slots.acquire(TARGET, "heap", null, "dr-2", "bob")).as("heap takes no slot")
                .isInstanceOf(PprofExclusivity.Lease.class);

        ((PprofExclusivity.Lease) first).close();
        ((PprofExclusivity.Lease) first).close(); // twice is harmless
        assertThat(slots.acquire(TARGET, "profile", null, "dr-2", "bob")).isInstanceOf(PprofExclusivity.Lease.class);
    }

    @Test
    void aSlotNeverReleasedIsTakenOverAMinuteAfterItsProfileShouldHaveEnded() {
        assertThat(slots.acquire(TARGET, "profile", 10, "dr-1", "alice")).isInstanceOf(PprofExclusivity.Lease.class);
        clock.advance(Duration.ofSeconds(69));
        assertThat(slots.acquire(TARGET, "profile", 10, "dr-2", "bob")).isInstanceOfSatisfying(PprofExclusivity.Busy.class,
                busy -> assertThat(busy.retryAfterSeconds()).as("overdue: retry at once").isEqualTo(1));
        clock.advance(Duration.ofSeconds(2));
        assertThat(slots.acquire(TARGET, "profile", 10, "dr-2", "bob")).isInstanceOf(PprofExclusivity.Lease.class);
    }
}
