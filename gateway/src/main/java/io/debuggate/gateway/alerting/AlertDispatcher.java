package io.debuggate.gateway.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each alert to every sink on its own virtual thread, retrying with exponential backoff;
 * after the last attempt the alert goes to the {@link DeadLetterLog}. Counts deliveries and dead
 * letters per sink ({@code debuggate.alerts.delivered}, {@code debuggate.alerts.dead_lettered}).
 */
public final class AlertDispatcher implements AlertSender, AutoCloseable {

    /** Waits between attempts; tests replace it to run retries without sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private final List<WebhookSink> sinks;
    private final AlertingProperties.Retry retry;
    private final DeadLetterLog deadLetters;
    private final MeterRegistry meters;
    private final Sleeper sleeper;
    private final ExecutorService deliveries = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("alert-", 0).factory());

    AlertDispatcher(List<WebhookSink> sinks, AlertingProperties.Retry retry, DeadLetterLog deadLetters, MeterRegistry meters,
                    Sleeper sleeper) {
        this.sinks = List.copyOf(sinks);
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.sleeper = sleeper;
    }

    @Override
    public void send(Alert alert) {
        log.warn("event=alert kind={} severity={} title=\"{}\" sinks={}", alert.kind(), alert.severity(), alert.title(),
                sinks.stream().map(WebhookSink::name).toList());
        if (sinks.isEmpty()) {
            deadLetters.append("(no sink configured)", 0, "debuggate.alerting.sinks is empty", alert);
            return;
        }
        for (WebhookSink sink : sinks) {
            deliveries.submit(() -> deliver(sink, alert));
        }
    }

    void deliver(WebhookSink sink, Alert alert) {
        String lastError = "not attempted";
        int attempt = 0;
        while (attempt < retry.maxAttempts()) {
            attempt++;
            WebhookSink.Attempt result = sink.deliver(alert);
            if (result.delivered()) {
                Counter.builder("debuggate.alerts.delivered").tag("sink", sink.name()).register(meters).increment();
                log.info("event=alert_delivered sink={} kind={} attempts={}", sink.name(), alert.kind(), attempt);
                return;
            }
            lastError = result.failure();
            log.warn("event=alert_attempt_failed sink={} kind={} attempt={} retryable={} reason=\"{}\"", sink.name(),
                    alert.kind(), attempt, result.retryable(), lastError);
            if (!result.retryable() || attempt == retry.maxAttempts()) {
                break;
            }
            try {
                sleeper.sleep(retry.backoff(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lastError += " (then interrupted while waiting to retry)";
                break;
            }
        }
        Counter.builder("debuggate.alerts.dead_lettered").tag("sink", sink.name()).register(meters).increment();
        log.error("event=alert_dead_lettered sink={} kind={} attempts={} file={} reason=\"{}\"", sink.name(), alert.kind(),
                attempt, deadLetters.file(), lastError);
        deadLetters.append(sink.name(), attempt, lastError, alert);
    }

    @Override
    public void close() {
        deliveries.shutdown();
        try {
            // Give alerts in flight (a trip just before shutdown) a moment to get out.
            deliveries.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliveries.shutdownNow();
    }
}
