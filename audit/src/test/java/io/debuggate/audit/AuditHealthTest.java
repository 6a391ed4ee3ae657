package io.debuggate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.store.StoreCredentials;
import io.debuggate.audit.testsupport.AuditTestTrails;
import io.debuggate.audit.testsupport.MutableClock;
import io.debuggate.audit.testsupport.TestMaskers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fail-closed rule, with a clock the test moves instead of sleeping through the outage budget. */
class AuditHealthTest {

    @TempDir
    Path spool;

    @Test
    void anUnreachableStoreIsDegradedWithinTheBudgetAndFailedAfterIt() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T08:00:00Z"));
        DurableAuditTrailConfig config = DurableAuditTrailConfig.builder("gw-health", spool)
                .shipper(AuditTestTrails.quickShipper()).maxStoreOutage(Duration.ofSeconds(60)).clock(clock).build();
        try (StoreConnection nowhere = StoreConnection.open(URI.create("http://127.0.0.1:9"),
                        new StoreCredentials("debuggate_writer", "unused"));
                DurableAuditTrail trail = DurableAuditTrail.open(config, TestMaskers.engine(), nowhere)) {
            trail.record(AuditTestTrails.rpc("heidi", "s-h", 1));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (trail.shipperStatus().unreachableSince() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            AuditHealth early = trail.health();
            assertThat(early.state()).isEqualTo(AuditHealth.State.DEGRADED);
            assertThat(early.pending()).isEqualTo(1);
            assertThat(early.lastError()).contains("Elasticsearch unreachable at [http://127.0.0.1:9]");

            clock.advance(Duration.ofSeconds(59));
            assertThat(trail.health().failClosed()).isFalse();

            clock.advance(Duration.ofSeconds(2));
            AuditHealth late = trail.health();
            assertThat(late.state()).isEqualTo(AuditHealth.State.FAILED);
            assertThat(late.failClosed()).isTrue();
            assertThat(late.unreachableFor()).isEqualTo(Duration.ofSeconds(61));

            // recording still works: the cut itself must be audited
            assertThat(trail.record(AuditTestTrails.rpc("heidi", "s-h", 2)).sequence()).isEqualTo(2);
        }
    }

    @Test
    void spoolOnlyTrailsAreHealthyWithoutAStore() {
        DurableAuditTrailConfig config = DurableAuditTrailConfig.builder("gw-local", spool).build();
        try (DurableAuditTrail trail = DurableAuditTrail.open(config, TestMaskers.engine(), null)) {
            trail.record(AuditTestTrails.rpc("heidi", "s-h", 1));
            assertThat(trail.health().state()).isEqualTo(AuditHealth.State.HEALTHY);
            assertThat(trail.health().recordedSequence()).isEqualTo(1);
        }
    }
}
