package io.debuggate.agent.dlv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's answer to losing the gateway. While a dlv is attached the gateway sends
 * heartbeats ({@code POST /v1/heartbeat}); when none arrived for {@code timeout}, the gateway is
 * taken for dead (crashed, SIGKILLed, cut off) and the switch fires: it stops dlv through the
 * supervisor, which runs the teardown sequence and then SIGTERM, so a target left halted at a
 * breakpoint runs again. Armed exactly while a dlv is attached; the attach itself counts as a
 * heartbeat. Time comes from the injected clock; {@link #check()} is what the ticker calls.
 */
public final class DeadManSwitch implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DeadManSwitch.class);

    private final Duration timeout;
    private final Clock clock;
    private final Supplier<Optional<DlvAttachment>> dlv;
    private final Consumer<String> fire;
    private volatile @Nullable Instant lastHeartbeat;
    private volatile @Nullable Thread ticker;
    private volatile boolean closed;

    /**
     * @param dlv  the attached dlv, if any ({@link DlvSupervisor#current()}): armed while present
     * @param fire stops dlv with the given reason ({@link DlvSupervisor#stop(String)}); runs on the ticker thread
     */
    public DeadManSwitch(Duration timeout, Clock clock, Supplier<Optional<DlvAttachment>> dlv, Consumer<String> fire) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("dead-man timeout " + timeout + " must be positive");
        }
        this.timeout = timeout;
        this.clock = clock;
        this.dlv = dlv;
        this.fire = fire;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The gateway is alive. Returns whether the switch is armed (a dlv is attached). */
    public boolean heartbeat() {
        lastHeartbeat = clock.instant();
        return armed();
    }

    public boolean armed() {
        return dlv.get().isPresent();
    }

    /** Time left before the switch fires, or empty when disarmed. */
    public Optional<Duration> remaining() {
        return dlv.get().map(attachment -> {
            Duration left = timeout.minus(Duration.between(lastSignOfLife(attachment), clock.instant()));
            return left.isNegative() ? Duration.ZERO : left;
        });
    }

    /** Fires when armed and overdue; returns whether it fired. */
    public boolean check() {
        Optional<DlvAttachment> attached = dlv.get();
        if (attached.isEmpty()) {
            return false;
        }
        Instant last = lastSignOfLife(attached.get());
        Duration silent = Duration.between(last, clock.instant());
        if (silent.compareTo(timeout) < 0) {
            return false;
        }
        String why = "dead-man switch: no heartbeat from the gateway for " + silent.toMillis() + " ms (timeout "
                + timeout.toMillis() + " ms)";
        log.warn("dead-man switch fired dlvPid={} targetPid={} silentMillis={} timeoutMillis={}; tearing down and"
                + " stopping dlv", attached.get().dlvPid(), attached.get().targetPid(), silent.toMillis(), timeout.toMillis());
        fire.accept(why);
        return true;
    }

    /** Starts checking on a daemon thread, {@code timeout/10} apart (at most 1 s). Idempotent. */
    public synchronized DeadManSwitch start() {
        if (ticker == null && !closed) {
            long tickMillis = Math.clamp(timeout.toMillis() / 10, 20, 1000);
            ticker = Thread.ofPlatform().daemon().name("dead-man-switch").start(() -> tick(tickMillis));
            log.info("dead-man switch ready timeoutMillis={} tickMillis={}", timeout.toMillis(), tickMillis);
        }
        return this;
    }

    /** Stops the ticker within one tick. Not by interrupt: a firing switch must finish its teardown. */
    @Override
    public void close() {
        closed = true;
    }

    private Instant lastSignOfLife(DlvAttachment attachment) {
        Instant heartbeat = lastHeartbeat;
        return heartbeat != null && heartbeat.isAfter(attachment.startedAt()) ? heartbeat : attachment.startedAt();
    }

    private void tick(long tickMillis) {
        while (!closed) {
            try {
                Thread.sleep(tickMillis);
            } catch (InterruptedException e) {
                return;
            }
            try {
                check();
            } catch (RuntimeException e) {
                log.error("dead-man switch check failed error={}", e.toString(), e);
            }
        }
    }
}
