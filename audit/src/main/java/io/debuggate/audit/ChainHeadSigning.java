package io.debuggate.audit;

import io.debuggate.audit.chain.ChainHeadSigner;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background task that periodically signs the chain head and records the signature as an event
 * of the chain itself ({@link AuditActions#CHAIN_HEAD_SIGNED}), so verifiers find the signatures
 * where they find the events.
 */
final class ChainHeadSigning {

    private static final Logger log = LoggerFactory.getLogger(ChainHeadSigning.class);

    private final DurableAuditTrail trail;
    private final ChainHeadSigner signer;
    private final Duration interval;
    private volatile boolean running;
    private Thread thread;
    private long lastCovered;

    ChainHeadSigning(DurableAuditTrail trail, ChainHeadSigner signer, Duration interval) {
        this.trail = trail;
        this.signer = signer;
        this.interval = interval;
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("audit-head-signer-" + trail.instance()).start(this::run);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            signNow();
        }
    }

    /** Signs the current head unless nothing but our own last signature was added since. */
    synchronized void signNow() {
        AuditReceipt head = trail.head();
        if (head.sequence() <= lastCovered) {
            return;
        }
        try {
            AuditReceipt written = trail.recordUnmasked(AuditRecord.of(AuditActions.CHAIN_HEAD_SIGNED,
                            AuditOutcome.SUCCESS, "system")
                    .detail("signed_sequence", head.sequence())
                    .detail("signed_hash", head.hash())
                    .detail("signature", signer.sign(trail.instance(), head.sequence(), head.hash()))
                    .detail("key_id", signer.keyId())
                    .detail("algorithm", ChainHeadSigner.ALGORITHM)
                    .build());
            lastCovered = written.sequence();
        } catch (AuditUnavailableException e) {
            log.warn("audit.signing head signature not recorded instance={} reason={}", trail.instance(),
                    e.getMessage());
        }
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        signNow();
    }
}
