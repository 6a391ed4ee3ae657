package io.debuggate.audit;

import io.debuggate.audit.chain.ChainHeadSigner;
import io.debuggate.audit.shipper.ShipperConfig;
import io.debuggate.audit.spool.FsyncPolicy;
import io.debuggate.audit.spool.SpoolConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of {@link DurableAuditTrail}; build it with {@link #builder(String, Path)}. Bad
 * values are rejected by the builder with a message that quotes them.
 *
 * @param maxStoreOutage how long Elasticsearch may be unreachable before {@link AuditHealth}
 *     says fail closed
 * @param headSigner signs the chain head every {@code headSigningInterval}; {@code null} disables
 */
public record DurableAuditTrailConfig(
        SpoolConfig spool,
        ShipperConfig shipper,
        Duration maxStoreOutage,
        Clock clock,
        @Nullable ChainHeadSigner headSigner,
        Duration headSigningInterval) {

    public static final Duration DEFAULT_MAX_STORE_OUTAGE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEAD_SIGNING_INTERVAL = Duration.ofSeconds(30);

    public DurableAuditTrailConfig {
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(shipper, "shipper");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param instance this gateway instance's chain id, stable across restarts (e.g. the host name)
     * @param spoolDirectory its own folder for the spool
     */
    public static Builder builder(String instance, Path spoolDirectory) {
        return new Builder(instance, spoolDirectory);
    }

    /** Fluent construction with the documented defaults. */
    public static final class Builder {
        private final String instance;
        private final Path spoolDirectory;
        private FsyncPolicy fsyncPolicy = FsyncPolicy.BATCHED;
        private Duration fsyncInterval = SpoolConfig.DEFAULT_FSYNC_INTERVAL;
        private long segmentBytes = SpoolConfig.DEFAULT_SEGMENT_BYTES;
        private long maxSpoolBytes = SpoolConfig.DEFAULT_MAX_BYTES;
        private ShipperConfig shipper = ShipperConfig.defaults();
        private Duration maxStoreOutage = DEFAULT_MAX_STORE_OUTAGE;
        private Clock clock = Clock.systemUTC();
        private @Nullable ChainHeadSigner headSigner;
        private Duration headSigningInterval = DEFAULT_HEAD_SIGNING_INTERVAL;

        private Builder(String instance, Path spoolDirectory) {
            this.instance = instance;
            this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spool directory");
        }

        public Builder fsyncPolicy(FsyncPolicy value) { this.fsyncPolicy = Objects.requireNonNull(value); return this; }
        public Builder fsyncInterval(Duration value) { this.fsyncInterval = value; return this; }
        public Builder segmentBytes(long value) { this.segmentBytes = value; return this; }
        public Builder maxSpoolBytes(long value) { this.maxSpoolBytes = value; return this; }
        public Builder shipper(ShipperConfig value) { this.shipper = Objects.requireNonNull(value); return this; }
        public Builder clock(Clock value) { this.clock = Objects.requireNonNull(value); return this; }

        public Builder maxStoreOutage(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("maximum store outage " + value
                        + " must be zero or positive, e.g. PT60S");
            }
            this.maxStoreOutage = value;
            return this;
        }

        public Builder headSigning(@Nullable ChainHeadSigner signer, Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("head signing interval " + interval + " must be positive, e.g. PT30S");
            }
            this.headSigner = signer;
            this.headSigningInterval = interval;
            return this;
        }

        public DurableAuditTrailConfig build() {
            return new DurableAuditTrailConfig(
                    new SpoolConfig(spoolDirectory, instance, fsyncPolicy, fsyncInterval, segmentBytes, maxSpoolBytes),
                    shipper, maxStoreOutage, clock, headSigner, headSigningInterval);
        }
    }
}
