package io.debuggate.audit.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditHealth;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditReceipt;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.DurableAuditTrailConfig;
import io.debuggate.audit.event.AuditEventEncoder;
import io.debuggate.audit.event.ChainHash;
import io.debuggate.audit.testsupport.TestMaskers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SpoolTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private DurableAuditTrail open(DurableAuditTrailConfig.Builder config) {
        return DurableAuditTrail.open(config.build(), TestMaskers.engine(), null);
    }

    private DurableAuditTrailConfig.Builder config() {
        return DurableAuditTrailConfig.builder("gw-spool", dir.resolve("spool"));
    }

    private static AuditRecord event(int i) {
        return AuditRecord.of(AuditActions.DLV_RPC, AuditOutcome.SUCCESS, "alice").session("s-" + (i % 3))
                .detail("i", i).detail("method", "RPCServer.State").build();
    }

    @Test
    void theChainContinuesAfterReopen() throws IOException {
        AuditReceipt tenth;
        try (DurableAuditTrail trail = open(config())) {
            for (int i = 1; i < 10; i++) {
                trail.record(event(i));
            }
            tenth = trail.record(event(10));
        }
        try (DurableAuditTrail trail = open(config())) {
            assertThat(trail.head()).isEqualTo(tenth);
            AuditReceipt eleventh = trail.record(event(11));
            assertThat(eleventh.sequence()).isEqualTo(11);
            assertThat(eleventh.eventId()).isEqualTo("gw-spool-11");
        }
        List<JsonNode> events = readAll(config());
        assertThat(events).hasSize(11);
        assertChain(events);
        assertThat(events.get(10).path("debuggate").path("chain").path("prev").asString()).isEqualTo(tenth.hash());
    }

    @Test
    void aTornTailFromAPowerLossIsCutAndTheChainGoesOn() throws IOException {
        try (DurableAuditTrail trail = open(config())) {
            for (int i = 1; i <= 5; i++) {
                trail.record(event(i));
            }
        }
        Path segment = segments().getLast();
        Files.write(segment, new byte[] {0, 0, 1, 0, 42, 42, 42}, StandardOpenOption.APPEND);

        try (DurableAuditTrail trail = open(config())) {
            assertThat(trail.head().sequence()).isEqualTo(5);
            assertThat(trail.record(event(6)).sequence()).isEqualTo(6);
        }
        List<JsonNode> events = readAll(config());
        assertThat(events).hasSize(6);
        assertChain(events);
    }

    @Test
    void damageBeforeTheTailStopsTheStartInsteadOfSkippingEvents() throws IOException {
        try (DurableAuditTrail trail = open(config().segmentBytes(4096))) {
            for (int i = 1; i <= 60; i++) {
                trail.record(event(i));
            }
        }
        List<Path> segments = segments();
        assertThat(segments).hasSizeGreaterThan(2);
        byte[] bytes = Files.readAllBytes(segments.getFirst());
        bytes[100] ^= 0x55;
        Files.write(segments.getFirst(), bytes);

        assertThatThrownBy(() -> open(config().segmentBytes(4096)))
                .isInstanceOf(SpoolCorruptedException.class)
                .hasMessageContaining("is damaged at byte")
                .hasMessageContaining("move " + dir.resolve("spool") + " aside");
    }

    @Test
    void oneSpoolServesOneTrailAtATime() {
        try (DurableAuditTrail first = open(config())) {
            assertThatThrownBy(() -> open(config()))
                    .isInstanceOf(AuditUnavailableException.class)
                    .hasMessageContaining("is in use by another trail or process");
        }
    }

    @Test
    void aSpoolWrittenByAnotherInstanceIsRefused() {
        try (DurableAuditTrail trail = open(config())) {
            trail.record(event(1));
        }
        assertThatThrownBy(() -> DurableAuditTrail.open(
                DurableAuditTrailConfig.builder("gw-other", dir.resolve("spool")).build(), TestMaskers.engine(), null))
                .isInstanceOf(SpoolCorruptedException.class)
                .hasMessageContaining("holds the chain of instance 'gw-spool', not 'gw-other'");
    }

    @Test
    void concurrentRecordsGetGapFreeSequencesInOneValidChain() throws Exception {
        int threads = 8;
        int perThread = 2000;
        ConcurrentLinkedQueue<AuditReceipt> receipts = new ConcurrentLinkedQueue<>();
        try (DurableAuditTrail trail = open(config().segmentBytes(256 * 1024))) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        receipts.add(trail.record(event(i)));
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
        Set<Long> sequences = new HashSet<>();
        receipts.forEach(r -> sequences.add(r.sequence()));
        assertThat(sequences).hasSize(threads * perThread);
        assertThat(sequences.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(threads * perThread);
        List<JsonNode> events = readAll(config().segmentBytes(256 * 1024));
        assertThat(events).hasSize(threads * perThread);
        assertChain(events);
        assertThat(segments()).hasSizeGreaterThan(1);
    }

    @Test
    void whenTheSpoolCannotBeWrittenRecordFailsAndHealthSaysFailClosed() throws IOException {
        try (DurableAuditTrail trail = open(config().segmentBytes(4096))) {
            trail.record(event(1));
            deleteRecursively(dir.resolve("spool"));

            assertThatThrownBy(() -> {
                for (int i = 2; i < 1000; i++) {
                    trail.record(event(i));
                }
            }).isInstanceOf(AuditUnavailableException.class).hasMessageContaining("could not be written to the spool");

            AuditHealth health = trail.health();
            assertThat(health.spoolWritable()).isFalse();
            assertThat(health.failClosed()).isTrue();
            assertThatThrownBy(() -> trail.record(event(1000)))
                    .isInstanceOf(AuditUnavailableException.class).hasMessageContaining("is unusable");
        }
    }

    @Test
    void aFullSpoolRefusesNewEvents() {
        try (DurableAuditTrail trail = open(config().segmentBytes(4096).maxSpoolBytes(8192))) {
            assertThatThrownBy(() -> {
                for (int i = 1; i < 1000; i++) {
                    trail.record(event(i));
                }
            }).isInstanceOf(AuditUnavailableException.class).hasMessageContaining("is full");
        }
    }

    @Test
    void aClosedTrailRefusesEventsInsteadOfWritingBehindTheLock() {
        DurableAuditTrail trail = open(config());
        trail.record(event(1));
        trail.close();
        trail.close();

        assertThatThrownBy(() -> trail.record(event(2)))
                .isInstanceOf(AuditUnavailableException.class).hasMessageContaining("is closed");
    }

    @Test
    void fsyncPerEventKeepsTheSameFormat() throws IOException {
        try (DurableAuditTrail trail = open(config().fsyncPolicy(FsyncPolicy.PER_EVENT))) {
            for (int i = 1; i <= 20; i++) {
                trail.record(event(i));
            }
        }
        List<JsonNode> events = readAll(config());
        assertThat(events).hasSize(20);
        assertChain(events);
    }

    /** Every event hashes to its own hash and links to its predecessor, from the genesis on. */
    static void assertChain(List<JsonNode> events) {
        String previous = ChainHash.GENESIS;
        long expected = 1;
        for (JsonNode event : events) {
            assertThat(event.path("event").path("sequence").asLong()).isEqualTo(expected++);
            assertThat(event.path("debuggate").path("chain").path("prev").asString()).isEqualTo(previous);
            String hash = event.path("debuggate").path("chain").path("hash").asString();
            assertThat(AuditEventEncoder.expectedHash(event)).isEqualTo(hash);
            previous = hash;
        }
    }

    private List<JsonNode> readAll(DurableAuditTrailConfig.Builder config) throws IOException {
        try (Spool spool = Spool.open(config.build().spool()); SpoolReader reader = spool.openReader()) {
            List<JsonNode> events = new ArrayList<>();
            List<SpoolRecord> batch;
            while (!(batch = reader.read(spool.durablePosition(), 1000, 1 << 24)).isEmpty()) {
                batch.forEach(r -> events.add(JSON.readTree(r.payload())));
            }
            return events;
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
