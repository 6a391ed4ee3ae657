package io.debuggate.audit.shipper;

import static io.debuggate.audit.testsupport.AuditTestTrails.awaitShipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.DurableAuditTrailConfig;
import io.debuggate.audit.search.AuditQuery;
import io.debuggate.audit.search.AuditSearch;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.testsupport.AuditTestTrails;
import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import io.debuggate.audit.testsupport.TestMaskers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trickle of events (a debugger session's two per RPC) goes to the real node in few bulk
 * requests when the shipper lingers, and one by one when it does not; either way every event
 * arrives.
 */
class ShipperLingerTest {

    private static final int EVENTS = 20;

    @Test
    void aTrickleOfEventsIsShippedInOneBulkWhileTheShipperLingers(@TempDir Path spool) throws Exception {
        ShipperStatus status = trickle(spool, Duration.ofSeconds(3));
        assertThat(status.shippedEvents()).isEqualTo(EVENTS);
        assertThat(status.bulkRequests()).as("bulk requests for %d events 50 ms apart", EVENTS).isLessThanOrEqualTo(2);
    }

    @Test
    void withoutLingerEachEventThatFindsTheShipperIdleGoesAlone(@TempDir Path spool) throws Exception {
        ShipperStatus status = trickle(spool, Duration.ZERO);
        assertThat(status.shippedEvents()).isEqualTo(EVENTS);
        assertThat(status.bulkRequests()).as("bulk requests for %d events 50 ms apart", EVENTS).isGreaterThanOrEqualTo(5);
    }

    @Test
    void closingShipsWhatTheSpoolHoldsWithoutWaitingOutTheLinger(@TempDir Path spool) throws Exception {
        String instance = AuditTestTrails.uniqueInstance("linger-close");
        ElasticsearchTestNode es = ElasticsearchTestNode.shared();
        try (StoreConnection writer = es.connect(es.writer());
                DurableAuditTrail trail = DurableAuditTrail.open(DurableAuditTrailConfig.builder(instance, spool)
                        .shipper(AuditTestTrails.quickShipper().withLinger(Duration.ofSeconds(10))).build(),
                        TestMaskers.engine(), writer)) {
            for (int i = 0; i < 5; i++) {
                trail.record(AuditTestTrails.rpc("alice", "s-" + instance, i));
            }
            assertThat(trail.shipperStatus().shippedEvents()).as("still lingering").isZero();
        }
        es.refresh();
        try (StoreConnection auditor = es.connect(es.auditor())) {
            assertThat(new AuditSearch(auditor).search(AuditQuery.builder().instance(instance).build()).total())
                    .as("events in Elasticsearch right after the trail closed").isEqualTo(5);
        }
    }

    private static ShipperStatus trickle(Path spool, Duration linger) throws Exception {
        String instance = AuditTestTrails.uniqueInstance("linger");
        ElasticsearchTestNode es = ElasticsearchTestNode.shared();
        try (StoreConnection writer = es.connect(es.writer());
                DurableAuditTrail trail = DurableAuditTrail.open(DurableAuditTrailConfig.builder(instance, spool)
                        .shipper(AuditTestTrails.quickShipper().withLinger(linger)).build(), TestMaskers.engine(), writer)) {
            for (int i = 0; i < EVENTS; i++) {
                trail.record(AuditTestTrails.rpc("alice", "s-" + instance, i));
                // far apart enough that a bulk request, even on a loaded machine, ends before most next events
                Thread.sleep(50);
            }
            awaitShipped(trail, Duration.ofSeconds(60));
            return trail.shipperStatus();
        }
    }
}
