package io.debuggate.audit.testsupport;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.DurableAuditTrailConfig;
import io.debuggate.audit.shipper.ShipperConfig;
import io.debuggate.audit.store.StoreConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** Small helpers for tests that run a trail against the shared node. */
public final class AuditTestTrails {

    private AuditTestTrails() {
    }

    /** An instance id no other test uses, so each test owns its chain. */
    public static String uniqueInstance(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Shipper settings with short pauses, so outage tests do not wait long after a restart. */
    public static ShipperConfig quickShipper() {
        return ShipperConfig.defaults().withRetry(Duration.ofMillis(50), Duration.ofMillis(500))
                .withProbeInterval(Duration.ofMillis(500));
    }

    public static DurableAuditTrail open(String instance, Path spool, StoreConnection writer) {
        return DurableAuditTrail.open(DurableAuditTrailConfig.builder(instance, spool).shipper(quickShipper()).build(),
                TestMaskers.engine(), writer);
    }

    public static AuditRecord rpc(String user, String session, int i) {
        return AuditRecord.of(AuditActions.DLV_RPC, AuditOutcome.SUCCESS, user).session(session)
                .target("payment-svc/demo-0").detail("method", "RPCServer.Command").detail("i", i).build();
    }

    public static void awaitShipped(DurableAuditTrail trail, Duration timeout) {
        try {
            if (!trail.awaitShipped(timeout)) {
                throw new AssertionError("events not shipped within " + timeout + ": " + trail.health());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
