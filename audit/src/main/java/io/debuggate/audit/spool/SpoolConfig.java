package io.debuggate.audit.spool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the spool keeps events.
 *
 * @param directory one folder per gateway instance; holds segments, the shipped checkpoint and a lock
 * @param instance the chain's instance id; the spool refuses a folder written by another instance
 * @param fsyncInterval background flush period under {@link FsyncPolicy#BATCHED}; zero disables it
 * @param segmentBytes size at which a new segment file is started
 * @param maxBytes the spool refuses new events (fail closed) when its files would exceed this
 */
public record SpoolConfig(
        Path directory,
        String instance,
        FsyncPolicy fsyncPolicy,
        Duration fsyncInterval,
        long segmentBytes,
        long maxBytes) {

    public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofSeconds(1);
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    public static final long DEFAULT_MAX_BYTES = 2L << 30;
    public static final long MINIMUM_SEGMENT_BYTES = 4096;

    public SpoolConfig {
        Objects.requireNonNull(directory, "spool directory");
        directory = directory.toAbsolutePath().normalize();
        if (instance == null || !instance.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("instance id '" + instance + "' must be 1-64 letters, digits, '.',"
                    + " '_' or '-' (it becomes part of every event id), e.g. gateway-1");
        }
        Objects.requireNonNull(fsyncPolicy, "fsync policy");
        if (fsyncInterval == null || fsyncInterval.isNegative()) {
            throw new IllegalArgumentException("fsync interval " + fsyncInterval + " must be zero or positive, e.g. PT1S");
        }
        if (segmentBytes < MINIMUM_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segment size " + segmentBytes + " bytes is below "
                    + MINIMUM_SEGMENT_BYTES + ": use e.g. 67108864 (64 MiB)");
        }
        if (maxBytes < segmentBytes * 2) {
            throw new IllegalArgumentException("spool limit " + maxBytes + " bytes is below two segments ("
                    + segmentBytes * 2 + "): raise it, e.g. to 2147483648 (2 GiB)");
        }
    }

    public static SpoolConfig defaults(Path directory, String instance) {
        return new SpoolConfig(directory, instance, FsyncPolicy.BATCHED, DEFAULT_FSYNC_INTERVAL,
                DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_BYTES);
    }
}
