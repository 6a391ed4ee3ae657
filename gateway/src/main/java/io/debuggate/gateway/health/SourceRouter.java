package io.debuggate.gateway.health;

import io.debuggate.gateway.targets.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks, per target and signal, the first source in the configured order that supplies it, and
 * reads all sources of one target in parallel, each bounded by the source timeout. A source that
 * fails or is late makes its signals {@link Reading.Missing} with the reason.
 */
public final class SourceRouter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceRouter.class);

    /** A reading and where it came from. */
    public record Sourced(String source, Reading reading) {
    }

    private final List<HealthSource> sources;
    private final Duration timeout;
    private final ExecutorService readers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("health-read-", 0).factory());

    /** @param sources in order of preference */
    public SourceRouter(List<HealthSource> sources, Duration timeout) {
        this.sources = List.copyOf(sources);
        this.timeout = timeout;
    }

    public Optional<HealthSource> sourceFor(Target target, String signal) {
        return sources.stream().filter(s -> s.supplies(target, signal)).findFirst();
    }

    /**
     * Reads every signal of {@code signals} that some source supplies for {@code target} and hands
     * each reading to {@code sink} as soon as its source answered (on that source's thread), so a
     * slow source does not delay a fast one's samples. Returns once every source answered or the
     * timeout passed; late sources are reported missing and their eventual answer is dropped.
     */
    public void read(Target target, List<String> signals, BiConsumer<String, Sourced> sink) {
        Map<HealthSource, Set<String>> plan = new LinkedHashMap<>();
        for (String signal : signals) {
            sourceFor(target, signal).ifPresent(s -> plan.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(signal));
        }
        CountDownLatch answered = new CountDownLatch(plan.size());
        Map<HealthSource, AtomicBoolean> delivered = new LinkedHashMap<>();
        Map<HealthSource, Future<?>> running = new LinkedHashMap<>();
        plan.forEach((source, asked) -> {
            AtomicBoolean done = new AtomicBoolean();
            delivered.put(source, done);
            running.put(source, readers.submit(() -> {
                Map<String, Reading> readings;
                @Nullable String failure = null;
                try {
                    readings = source.read(target, Set.copyOf(asked));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    readings = Map.of();
                    failure = "interrupted";
                } catch (Exception e) {
                    readings = Map.of();
                    failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
                try {
                    if (done.compareAndSet(false, true)) {
                        deliver(source, asked, readings, failure, sink);
                    }
                } catch (RuntimeException e) {
                    log.error("event=health_record_failed target={} source={} reason=\"{}\"", target.name(), source.name(), e, e);
                } finally {
                    answered.countDown();
                }
            }));
        });
        boolean all;
        try {
            all = answered.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all = false;
        }
        if (!all) {
            plan.forEach((source, asked) -> {
                if (delivered.get(source).compareAndSet(false, true)) {
                    running.get(source).cancel(true);
                    deliver(source, asked, Map.of(), "no answer within " + timeout.toMillis() + " ms", sink);
                }
            });
        }
    }

    private static void deliver(HealthSource source, Set<String> asked, Map<String, Reading> readings, @Nullable String failure,
                                BiConsumer<String, Sourced> sink) {
        for (String signal : asked) {
            Reading r = readings.get(signal);
            sink.accept(signal, new Sourced(source.name(), r != null ? r
                    : new Reading.Missing(failure != null ? failure : source.name() + " gave no " + signal + " value")));
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
