package io.debuggate.gateway.health;

import io.debuggate.gateway.targets.Target;
import io.debuggate.gateway.targets.TargetRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Samples every registered target once per interval: one virtual thread per target per round, all
 * its sources read in parallel, every reading recorded into its breaker and every resulting state
 * change announced at once on the same thread (so the trip event follows the crossing sample
 * within milliseconds). A target whose previous round is still running skips a round; its sources
 * time out before the next tick anyway.
 */
public final class HealthSampler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HealthSampler.class);

    private final TargetRegistry targets;
    private final SourceRouter router;
    private final HealthBreakers breakers;
    private final BreakerAnnouncer announcer;
    private final Duration interval;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile @Nullable ScheduledExecutorService ticker;

    public HealthSampler(TargetRegistry targets, SourceRouter router, HealthBreakers breakers, BreakerAnnouncer announcer,
                         Duration interval) {
        this.targets = targets;
        this.router = router;
        this.breakers = breakers;
        this.announcer = announcer;
        this.interval = interval;
    }

    @Override
    public void start() {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("health-tick").factory());
        t.scheduleAtFixedRate(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        ticker = t;
        log.info("event=health_sampler state=started interval_ms={} signals={}", interval.toMillis(),
                breakers.specs().stream().map(SignalSpec::signal).toList());
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = ticker;
        ticker = null;
        if (t != null) {
            t.shutdownNow();
        }
        router.close();
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    private void tick() {
        for (Target target : targets.all()) {
            if (inFlight.add(target.name())) {
                Thread.ofVirtual().name("health-" + target.name()).start(() -> {
                    try {
                        sample(target);
                    } finally {
                        inFlight.remove(target.name());
                    }
                });
            } else {
                log.debug("event=health_round_skipped target={} reason=previous_round_running", target.name());
            }
        }
    }

    /** One round for one target: read, record, announce. Public for tests that drive rounds by hand. */
    public void sample(Target target) {
        try {
            List<String> signals = breakers.specs().stream().map(SignalSpec::signal).toList();
            router.read(target, signals, (signal, sourced) -> {
                for (BreakerChange change : breakers.record(target, signal, sourced.source(), sourced.reading())) {
                    announcer.announce(change);
                }
            });
        } catch (RuntimeException e) {
            // One target's trouble must not stop the sampling of the others.
            log.error("event=health_round_failed target={} reason=\"{}\"", target.name(), e.toString(), e);
        }
    }
}
