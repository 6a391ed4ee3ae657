package io.debuggate.audit;

import static io.debuggate.audit.testsupport.AuditTestTrails.awaitShipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.chain.ChainVerification;
import io.debuggate.audit.chain.ChainVerifier;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.testsupport.AuditTestTrails;
import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Elasticsearch is stopped in the middle of a busy session and started again while events keep
 * coming: every event arrives exactly once, in chain order, and the trail said DEGRADED meanwhile.
 */
class ElasticsearchOutageTest {

    @TempDir
    Path spool;

    @Test
    void everyEventArrivesExactlyOnceInChainOrderAcrossAnElasticsearchRestart() throws Exception {
        ElasticsearchTestNode es = ElasticsearchTestNode.shared();
        String instance = AuditTestTrails.uniqueInstance("outage");
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong recorded = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long head;
        try (StoreConnection writer = es.connect(es.writer());
                DurableAuditTrail trail = AuditTestTrails.open(instance, spool, writer)) {
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                String session = "s-outage-" + t;
                producers.add(Thread.ofPlatform().start(() -> {
                    int i = 0;
                    try {
                        while (producing.get()) {
                            trail.record(AuditTestTrails.rpc("frank", session, i++));
                            recorded.incrementAndGet();
                            Thread.sleep(3);
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }));
            }
            Thread.sleep(1500);
            awaitShipped(trail, Duration.ofSeconds(30));

            es.node().stop();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (trail.health().state() != AuditHealth.State.DEGRADED && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            AuditHealth during = trail.health();
            assertThat(during.state()).as(during.toString()).isEqualTo(AuditHealth.State.DEGRADED);
            assertThat(during.failClosed()).isFalse();
            long recordedWhileDown = recorded.get();
            Thread.sleep(2000);
            assertThat(recorded.get()).as("recording goes on while Elasticsearch is down")
                    .isGreaterThan(recordedWhileDown);

            es.node().start();
            Thread.sleep(1000);
            producing.set(false);
            for (Thread producer : producers) {
                producer.join();
            }
            assertThat(failure.get()).as("no record() failed").isNull();
            head = trail.head().sequence();
            assertThat(head).isEqualTo(recorded.get());
            awaitShipped(trail, Duration.ofSeconds(120));
            assertThat(trail.health().state()).isEqualTo(AuditHealth.State.HEALTHY);
            assertThat(trail.shipperStatus().shippedEvents()).as("created once each").isEqualTo(head);
        }
        assertThat(es.count(instance)).isEqualTo(head);
        try (StoreConnection auditor = es.connect(es.auditor())) {
            ChainVerification result = new ChainVerifier(auditor).expectHead(head).verify(instance, 1, Long.MAX_VALUE);
            assertThat(result.intact()).as(result.summary()).isTrue();
            assertThat(result.lastSequence()).isEqualTo(head);
        }
    }
}
