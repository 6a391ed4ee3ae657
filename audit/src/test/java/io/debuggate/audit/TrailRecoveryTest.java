package io.debuggate.audit;

import static io.debuggate.audit.testsupport.AuditTestTrails.awaitShipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.chain.ChainVerification;
import io.debuggate.audit.chain.ChainVerifier;
import io.debuggate.audit.shipper.ShipperStatus;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.store.StoreCredentials;
import io.debuggate.audit.testsupport.AuditTestTrails;
import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import io.debuggate.audit.testsupport.SpoolWriterProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a crash or a restart, every spooled event reaches Elasticsearch once, in one unbroken chain. */
class TrailRecoveryTest {

    private static ElasticsearchTestNode es;

    @TempDir
    Path spool;

    @BeforeAll
    static void node() {
        es = ElasticsearchTestNode.shared();
    }

    private static StoreConnection unreachable() {
        return StoreConnection.open(URI.create("http://127.0.0.1:9"), new StoreCredentials("debuggate_writer", "unused"));
    }

    private ChainVerification verify(String instance, long head) throws Exception {
        es.refresh();
        try (StoreConnection auditor = es.connect(es.auditor())) {
            return new ChainVerifier(auditor).expectHead(head).verify(instance, 1, Long.MAX_VALUE);
        }
    }

    @Test
    void eventsSpooledWhileElasticsearchWasAwayAreShippedAfterRestartAndTheChainContinues() throws Exception {
        String instance = AuditTestTrails.uniqueInstance("restart");
        AuditReceipt last;
        try (StoreConnection nowhere = unreachable();
                DurableAuditTrail trail = AuditTestTrails.open(instance, spool, nowhere)) {
            for (int i = 1; i <= 30; i++) {
                trail.record(AuditTestTrails.rpc("erin", "s-restart", i));
            }
            last = trail.head();
            assertThat(trail.health().pending()).isEqualTo(30);
        }
        try (StoreConnection writer = es.connect(es.writer());
                DurableAuditTrail trail = AuditTestTrails.open(instance, spool, writer)) {
            AuditReceipt next = trail.record(AuditTestTrails.rpc("erin", "s-restart", 31));
            assertThat(next.sequence()).isEqualTo(last.sequence() + 1);
            awaitShipped(trail, Duration.ofSeconds(60));
            ShipperStatus shipped = trail.shipperStatus();
            assertThat(shipped.shippedEvents()).as("each event created exactly once").isEqualTo(31);
            assertThat(trail.health().pending()).isZero();
        }
        assertThat(es.count(instance)).isEqualTo(31);
        ChainVerification result = verify(instance, 31);
        assertThat(result.intact()).as(result.summary()).isTrue();
    }

    @Test
    void aLostCheckpointMakesTheShipperResendAndElasticsearchKeepsOneCopy() throws Exception {
        String instance = AuditTestTrails.uniqueInstance("resend");
        try (StoreConnection writer = es.connect(es.writer());
                DurableAuditTrail trail = AuditTestTrails.open(instance, spool, writer)) {
            for (int i = 1; i <= 20; i++) {
                trail.record(AuditTestTrails.rpc("erin", "s-resend", i));
            }
            awaitShipped(trail, Duration.ofSeconds(60));
        }
        Files.delete(spool.resolve("shipped.checkpoint"));
        try (StoreConnection writer = es.connect(es.writer());
                DurableAuditTrail trail = AuditTestTrails.open(instance, spool, writer)) {
            trail.record(AuditTestTrails.rpc("erin", "s-resend", 21));
            awaitShipped(trail, Duration.ofSeconds(60));
            assertThat(trail.shipperStatus().shippedEvents()).as("only the new event was created").isEqualTo(1);
        }
        assertThat(es.count(instance)).isEqualTo(21);
        assertThat(verify(instance, 21).intact()).isTrue();
    }

    @Test
    void eventsOfAGatewayKilledWithSigkillAreShippedByTheNextStart() throws Exception {
        String instance = AuditTestTrails.uniqueInstance("killed");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process gateway = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SpoolWriterProcess.class.getName(), spool.toString(), instance, "500")
                .redirectErrorStream(true).start();
        String recorded = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(),
                StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
                if (line.startsWith("RECORDED ")) {
                    recorded = line;
                    break;
                }
            }
            assertThat(recorded).as("the child process reports its head").isNotNull();
            gateway.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        String[] parts = recorded.split(" ");
        long head = Long.parseLong(parts[1]);
        assertThat(head).isEqualTo(500);

        try (StoreConnection writer = es.connect(es.writer());
                DurableAuditTrail trail = AuditTestTrails.open(instance, spool, writer)) {
            assertThat(trail.head().hash()).isEqualTo(parts[2]);
            awaitShipped(trail, Duration.ofSeconds(60));
        }
        assertThat(es.count(instance)).isEqualTo(500);
        ChainVerification result = verify(instance, 500);
        assertThat(result.intact()).as(result.summary()).isTrue();
    }
}
