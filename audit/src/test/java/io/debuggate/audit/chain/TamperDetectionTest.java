package io.debuggate.audit.chain;

import static io.debuggate.audit.testsupport.AuditTestTrails.awaitShipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.AuditReceipt;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.DurableAuditTrailConfig;
import io.debuggate.audit.chain.TamperKit.Stored;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.testsupport.AuditTestTrails;
import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import io.debuggate.audit.testsupport.TestMaskers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mallory has admin rights on Elasticsearch. Whatever she does to the stored trail, the verifier
 * names the first broken place. Each scenario gets its own chain of 12 events: 10 RPCs, a signed
 * head (pinning event 10, written when the first trail closes), one more RPC by a trail without
 * a signer.
 */
class TamperDetectionTest {

    private static ElasticsearchTestNode es;
    private static StoreConnection auditor;
    private static TamperKit mallory;
    private static final ChainHeadSigner SIGNER = ChainHeadSigner.generate();

    @TempDir
    Path spools;

    @BeforeAll
    static void node() {
        es = ElasticsearchTestNode.shared();
        auditor = es.connect(es.auditor());
        mallory = new TamperKit(es.adminConnection());
    }

    @AfterAll
    static void close() {
        auditor.close();
    }

    /** Records the standard chain for one scenario and returns its instance id. */
    private String chain(String scenario) throws Exception {
        String instance = AuditTestTrails.uniqueInstance(scenario);
        Path spool = spools.resolve(instance);
        DurableAuditTrailConfig config = DurableAuditTrailConfig.builder(instance, spool)
                .shipper(AuditTestTrails.quickShipper()).headSigning(SIGNER, Duration.ofHours(1)).build();
        try (StoreConnection writer = es.connect(es.writer())) {
            DurableAuditTrail trail = DurableAuditTrail.open(config, TestMaskers.engine(), writer);
            for (int i = 1; i <= 10; i++) {
                trail.record(AuditTestTrails.rpc("carol", "s-" + scenario, i));
            }
            trail.close(); // signs the head (event 11 pins 10)
            DurableAuditTrailConfig unsigned = DurableAuditTrailConfig.builder(instance, spool)
                    .shipper(AuditTestTrails.quickShipper()).build();
            try (DurableAuditTrail reopened = DurableAuditTrail.open(unsigned, TestMaskers.engine(), writer)) {
                AuditReceipt last = reopened.record(AuditTestTrails.rpc("carol", "s-" + scenario, 12));
                assertThat(last.sequence()).isEqualTo(12);
                awaitShipped(reopened, Duration.ofSeconds(60));
            }
        }
        es.refresh();
        return instance;
    }

    private ChainVerification verify(String instance) throws Exception {
        es.refresh();
        return new ChainVerifier(auditor).trustedKey(SIGNER.publicKey()).verify(instance, 1, Long.MAX_VALUE);
    }

    @Test
    void anUntouchedChainIsIntactAndItsSignedHeadVerifies() throws Exception {
        String instance = chain("intact");

        ChainVerification result = verify(instance);

        assertThat(result.intact()).as(result.summary()).isTrue();
        assertThat(result.lastSequence()).isGreaterThanOrEqualTo(12);
        assertThat(result.signaturesVerified()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anAlteredEventIsFound() throws Exception {
        String instance = chain("alter");
        Stored fifth = mallory.get(instance + "-5");
        mallory.put(fifth.index(), fifth.id(), TamperKit.withReason(fifth.source(), "nothing to see"));

        assertThat(verify(instance).firstBreak())
                .satisfies(b -> assertThat(b.kind()).isEqualTo(ChainBreak.Kind.ALTERED))
                .satisfies(b -> assertThat(b.sequence()).isEqualTo(5));
    }

    @Test
    void aDeletedEventIsFound() throws Exception {
        String instance = chain("delete");
        mallory.delete(mallory.get(instance + "-7"));

        ChainBreak found = verify(instance).firstBreak();
        assertThat(found.kind()).isEqualTo(ChainBreak.Kind.MISSING);
        assertThat(found.sequence()).isEqualTo(7);
    }

    @Test
    void anInsertedEventIsFound() throws Exception {
        String instance = chain("insert");
        Stored fourth = mallory.get(instance + "-4");
        // a forged event 5, correctly chained after 4 and correctly hashed, in an index of its own
        ObjectNode forged = mallory.get(instance + "-5").source().deepCopy();
        TamperKit.withPrev(forged, TamperKit.hash(fourth.source()));
        TamperKit.rehash(TamperKit.withReason(forged, "approved by nobody"));
        mallory.put("debuggate-audit-forged", instance + "-5", forged);

        assertThat(verify(instance).firstBreak().kind()).isEqualTo(ChainBreak.Kind.DUPLICATE);
    }

    @Test
    void anAlteredAndRehashedEventBreaksTheLinkToItsSuccessor() throws Exception {
        String instance = chain("rehash");
        Stored fifth = mallory.get(instance + "-5");
        mallory.put(fifth.index(), fifth.id(), TamperKit.rehash(TamperKit.withReason(fifth.source(), "rewritten")));

        ChainBreak found = verify(instance).firstBreak();
        assertThat(found.kind()).isEqualTo(ChainBreak.Kind.BROKEN_LINK);
        assertThat(found.sequence()).isEqualTo(6);
    }

    @Test
    void swappedEventsAreFound() throws Exception {
        String instance = chain("reorder");
        Stored third = mallory.get(instance + "-3");
        Stored fourth = mallory.get(instance + "-4");
        mallory.put(third.index(), third.id(), fourth.source());
        mallory.put(fourth.index(), fourth.id(), third.source());

        assertThat(verify(instance).firstBreak().kind()).isEqualTo(ChainBreak.Kind.MISPLACED);
    }

    @Test
    void rewritingHistoryAndEveryLaterHashStillFailsAtTheSignedHead() throws Exception {
        String instance = chain("rewrite");
        // Mallory rewrites event 3 and re-chains 3..12 so that every hash and link is consistent
        String previous = TamperKit.hash(mallory.get(instance + "-2").source());
        for (long sequence = 3; sequence <= 12; sequence++) {
            Stored stored = mallory.get(instance + "-" + sequence);
            ObjectNode source = TamperKit.withPrev(stored.source(), previous);
            if (sequence == 3) {
                TamperKit.withReason(source, "never happened");
            }
            TamperKit.rehash(source);
            mallory.put(stored.index(), stored.id(), source);
            previous = TamperKit.hash(source);
        }

        ChainBreak found = verify(instance).firstBreak();
        assertThat(found.kind()).isEqualTo(ChainBreak.Kind.BAD_SIGNATURE);
        assertThat(found.detail()).contains("were rewritten after they were signed");
    }

    @Test
    void aDeletedTailIsFoundAgainstTheKnownHead() throws Exception {
        String instance = chain("truncate");
        mallory.delete(mallory.get(instance + "-12"));
        es.refresh();

        // Without a known head a cut tail can look whole (unless a signed head already covers it, which
        // depends on when the signer last ran); with the head the gateway knows, it is always found.
        ChainVerification known = new ChainVerifier(auditor).expectHead(12).verify(instance, 1, Long.MAX_VALUE);
        assertThat(known.firstBreak().kind()).isEqualTo(ChainBreak.Kind.TRUNCATED);
        assertThat(known.firstBreak().sequence()).isEqualTo(12);
    }

    @Test
    void aSignatureFromAnotherKeyIsNotTrusted() throws Exception {
        String instance = chain("otherkey");

        ChainVerification result = new ChainVerifier(auditor).trustedKey(ChainHeadSigner.generate().publicKey())
                .verify(instance, 1, Long.MAX_VALUE);

        assertThat(result.firstBreak().kind()).isEqualTo(ChainBreak.Kind.BAD_SIGNATURE);
    }

    @Test
    void aRangeInTheMiddleIsCheckedAgainstTheEventBeforeIt() throws Exception {
        String instance = chain("range");
        ChainVerification middle = new ChainVerifier(auditor).verify(instance, 4, 8);
        assertThat(middle.intact()).as(middle.summary()).isTrue();
        assertThat(middle.checkedEvents()).isEqualTo(5);

        Stored third = mallory.get(instance + "-3");
        mallory.put(third.index(), third.id(), TamperKit.rehash(TamperKit.withReason(third.source(), "x")));
        es.refresh();
        ChainBreak found = new ChainVerifier(auditor).verify(instance, 4, 8).firstBreak();
        assertThat(found).isNotNull();
        assertThat(found.kind()).isEqualTo(ChainBreak.Kind.BROKEN_LINK);
        assertThat(found.sequence()).isEqualTo(4);
    }
}
