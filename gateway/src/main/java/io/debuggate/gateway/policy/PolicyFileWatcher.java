package io.debuggate.gateway.policy;

import io.debuggate.policies.PolicyLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@code debuggate.policy.watch}: reloads the policy file when its content changes (a policy
 * file is a few kilobytes, so each poll reads it whole). Polling rather than file-system events, because editors and config-management tools
 * replace files by rename, which event watchers on the old inode miss. A change is applied once
 * the file has looked the same for two polls in a row, so a file caught half-written (truncated,
 * then written) is not refused for being empty. A refused file is reported (and audited) once per
 * change, not at every poll.
 */
final class PolicyFileWatcher implements SmartLifecycle {

    static final String ACTOR = "system:policy-watcher";
    private static final Logger log = LoggerFactory.getLogger(PolicyFileWatcher.class);

    /** The file's content digest: a same-size edit within one file-system clock tick keeps size and mtime. */
    private record Stamp(String sha256) {
    }

    private final PolicyReloader reloader;
    private final Path file;
    private final Duration interval;
    private @Nullable ScheduledExecutorService executor;
    private @Nullable Stamp lastApplied;
    private @Nullable Stamp settling;

    PolicyFileWatcher(PolicyReloader reloader, Path file, Duration interval) {
        this.reloader = reloader;
        this.file = file;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        lastApplied = stamp();
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("policy-watcher").factory());
        executor.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("event=policy_watch_started file={} interval_ms={}", file, interval.toMillis());
    }

    void poll() {
        Stamp now = stamp();
        if (now == null || Objects.equals(now, lastApplied)) {
            settling = null;
            return;
        }
        if (!now.equals(settling)) {
            settling = now;
            return;
        }
        lastApplied = now;
        settling = null;
        try {
            PolicyReloader.Outcome outcome = reloader.reload(ACTOR);
            log.info("event=policy_watch_reload file={} changed={} changes={}", file, outcome.changed(), outcome.diff().size());
        } catch (PolicyLoadException | PolicyReloadRefusedException e) {
            // already audited and logged by the reloader; the old policy stays until the file changes again
        } catch (RuntimeException e) {
            log.error("event=policy_watch_failed file={} error=\"{}\"", file, e.getMessage());
        }
    }

    private @Nullable Stamp stamp() {
        try {
            return new Stamp(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        } catch (IOException e) {
            // a file being replaced can be absent for a moment; the next poll sees the new one
            return null;
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
