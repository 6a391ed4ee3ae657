package io.debuggate.audit;

import io.debuggate.audit.event.AuditEventEncoder;
import io.debuggate.audit.event.RecordMasking;
import io.debuggate.audit.shipper.AuditShipper;
import io.debuggate.audit.shipper.ShipperStatus;
import io.debuggate.audit.spool.Spool;
import io.debuggate.audit.spool.SpoolPosition;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.policies.masking.Masker;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: masks, chains and spools every event before {@link #record} returns, and ships
 * the spool to Elasticsearch in the background with the writer identity.
 *
 * <pre>{@code
 * try (StoreConnection writer = StoreConnection.open(esUri, writerCredentials);
 *      DurableAuditTrail trail = DurableAuditTrail.open(
 *              DurableAuditTrailConfig.builder("gateway-1", home.resolve("audit-spool")).build(), masker, writer)) {
 *     trail.record(AuditRecord.of(AuditActions.SESSION_OPENED, AuditOutcome.SUCCESS, "alice").session("s-1").build());
 *     if (trail.health().failClosed()) { ...cut sessions... }
 * }
 * }</pre>
 *
 * <p>Chain design: one hash chain per gateway instance (not per session) — sequence numbers are
 * gap-free across everything the instance did, so a deleted event shows as a gap even when it
 * was the only event of its session.
 */
public final class DurableAuditTrail implements AuditTrail, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DurableAuditTrail.class);

    private final DurableAuditTrailConfig config;
    private final RecordMasking masking;
    private final AuditEventEncoder encoder;
    private final Spool spool;
    private final @Nullable AuditShipper shipper;
    private final @Nullable ChainHeadSigning signing;
    private final Instant openedAt;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private DurableAuditTrail(DurableAuditTrailConfig config, Masker masker, Spool spool,
            @Nullable AuditShipper shipper) {
        this.config = config;
        this.masking = new RecordMasking(masker);
        this.encoder = new AuditEventEncoder(config.spool().instance());
        this.spool = spool;
        this.shipper = shipper;
        this.openedAt = config.clock().instant();
        this.signing = config.headSigner() == null ? null
                : new ChainHeadSigning(this, config.headSigner(), config.headSigningInterval());
    }

    /**
     * Opens the spool (recovering the chain head from an earlier run) and starts shipping.
     *
     * @param writer connection with the append-only WRITER identity; {@code null} keeps events in
     *     the spool only (tests, benchmarks)
     */
    public static DurableAuditTrail open(DurableAuditTrailConfig config, Masker masker,
            @Nullable StoreConnection writer) {
        Spool spool = Spool.open(config.spool());
        AuditShipper shipper = writer == null ? null : new AuditShipper(spool, writer, config.shipper(), config.clock());
        DurableAuditTrail trail = new DurableAuditTrail(config, masker, spool, shipper);
        if (shipper != null) {
            shipper.start();
        }
        if (trail.signing != null) {
            trail.signing.start();
        }
        return trail;
    }

    public String instance() {
        return config.spool().instance();
    }

    @Override
    public AuditReceipt record(AuditRecord record) {
        return append(masking.mask(record));
    }

    /** For events the trail writes itself (signed heads): they carry no customer data and must stay byte-exact. */
    AuditReceipt recordUnmasked(AuditRecord record) {
        return append(record);
    }

    private AuditReceipt append(AuditRecord masked) {
        AuditEventEncoder.Prepared prepared = encoder.prepare(masked);
        // only the chain-dependent part runs under the spool's append lock
        Spool.Ticket ticket = spool.append(
                (sequence, previous) -> encoder.complete(prepared, sequence, previous, config.clock().millis()));
        spool.awaitDurable(ticket);
        return new AuditReceipt(ticket.event().eventId(), ticket.event().sequence(), ticket.event().hash());
    }

    /** Last durable event of this instance's chain; sequence 0 before the first. */
    public AuditReceipt head() {
        SpoolPosition head = spool.durablePosition();
        return new AuditReceipt(AuditEventEncoder.eventId(instance(), head.sequence()), head.sequence(), head.hash());
    }

    public AuditHealth health() {
        Instant now = config.clock().instant();
        SpoolPosition head = spool.durablePosition();
        ShipperStatus shipped = shipper == null ? null : shipper.status();
        long shippedSequence = shipped == null ? 0 : shipped.shippedSequence();
        Duration unreachable = Duration.ZERO;
        boolean failing = false;
        if (shipped != null && shipped.unreachableSince() != null) {
            failing = true;
            unreachable = Duration.between(shipped.unreachableSince(), now);
        } else if (shipped != null && shipped.lastContact() == null && head.sequence() > shippedSequence) {
            // never reached since start while events wait: count from the start
            failing = true;
            unreachable = Duration.between(openedAt, now);
        }
        if (unreachable.isNegative()) {
            unreachable = Duration.ZERO;
        }
        AuditHealth.State state = AuditHealth.verdict(spool.writable(), failing, unreachable, config.maxStoreOutage());
        return new AuditHealth(instance(), state, head.sequence(), shippedSequence,
                shipped == null ? 0 : Math.max(0, head.sequence() - shippedSequence), spool.writable(),
                spool.bytesOnDisk(), shipped == null ? null : shipped.lastContact(), unreachable,
                config.maxStoreOutage(), shipped == null ? null : shipped.lastError());
    }

    /** Shipper counters, or {@code null} in spool-only mode. */
    public @Nullable ShipperStatus shipperStatus() {
        return shipper == null ? null : shipper.status();
    }

    /**
     * Waits until Elasticsearch holds every event recorded before this call.
     *
     * @return false on timeout, or when there is no shipper
     */
    public boolean awaitShipped(Duration timeout) throws InterruptedException {
        return shipper != null && shipper.awaitShipped(spool.durablePosition().sequence(), timeout);
    }

    /** Stops signing and shipping and closes the spool; unshipped events are shipped after the next open. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (signing != null) {
            signing.stop();
        }
        if (shipper != null) {
            shipper.close();
        }
        spool.close();
        log.info("audit.trail closed instance={} head={}", instance(), spool.durablePosition().sequence());
    }
}
