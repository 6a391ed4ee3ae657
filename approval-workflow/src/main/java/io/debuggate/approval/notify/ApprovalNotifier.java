package io.debuggate.approval.notify;

import io.debuggate.approval.event.ApprovalEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns approval events into webhook POSTs. The listener only enqueues; delivery, retries and
 * back-off happen on one background thread, so a slow or dead webhook never delays a signature.
 * At most {@value #MAX_QUEUED} deliveries wait at once; beyond that new ones are dropped and logged.
 */
public class ApprovalNotifier implements AutoCloseable {

    static final int MAX_QUEUED = 1000;
    private static final Logger log = LoggerFactory.getLogger(ApprovalNotifier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<WebhookTarget> targets;
    private final WebhookRetry retry;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final AtomicInteger queued = new AtomicInteger();

    public ApprovalNotifier(List<WebhookTarget> targets, WebhookRetry retry) {
        this.targets = List.copyOf(targets);
        this.retry = retry;
        this.http = HttpClient.newBuilder().connectTimeout(retry.requestTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "approval-webhooks");
            t.setDaemon(true);
            return t;
        });
    }

    @EventListener
    public void on(ApprovalEvent event) {
        String name = event.getClass().getSimpleName();
        for (WebhookTarget target : targets) {
            if (target.wants(name)) {
                enqueue(new Delivery(target, name, event.requestId(), body(target.format(), name, event)), 1, Duration.ZERO);
            }
        }
    }

    /** Deliveries not yet finished (sent, or given up). */
    public int queued() {
        return queued.get();
    }

    static String body(WebhookFormat format, String name, ApprovalEvent event) {
        String text = NotificationText.of(event);
        if (format == WebhookFormat.SLACK) {
            return JSON.writeValueAsString(Map.of("text", text));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", name);
        body.put("requestId", event.requestId());
        body.put("text", text);
        body.put("data", JSON.valueToTree(event));
        return JSON.writeValueAsString(body);
    }

    private record Delivery(WebhookTarget target, String event, String requestId, String body) {
    }

    private void enqueue(Delivery delivery, int attempt, Duration delay) {
        if (attempt == 1 && queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            log.error("event=webhook_dropped webhook={} notification={} request={} reason=queue_full", delivery.target().redacted(),
                    delivery.event(), delivery.requestId());
            return;
        }
        try {
            executor.schedule(() -> attempt(delivery, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.decrementAndGet();
            log.warn("event=webhook_dropped webhook={} notification={} request={} reason=notifier_closed", delivery.target().redacted(),
                    delivery.event(), delivery.requestId());
        }
    }

    private void attempt(Delivery delivery, int attempt) {
        String outcome;
        try {
            HttpRequest request = HttpRequest.newBuilder(delivery.target().url()).timeout(retry.requestTimeout())
                    .header("Content-Type", "application/json").header("User-Agent", "debuggate-approval")
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                queued.decrementAndGet();
                log.info("event=webhook_delivered webhook={} notification={} request={} attempt={}", delivery.target().redacted(),
                        delivery.event(), delivery.requestId(), attempt);
                return;
            }
            outcome = "status=" + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued.decrementAndGet();
            return;
        } catch (Exception e) {
            outcome = "error=" + e.getClass().getSimpleName();
        }
        if (attempt >= retry.maxAttempts()) {
            queued.decrementAndGet();
            log.error("event=webhook_gave_up webhook={} notification={} request={} attempts={} {}", delivery.target().redacted(),
                    delivery.event(), delivery.requestId(), attempt, outcome);
            return;
        }
        Duration wait = retry.backoffBefore(attempt + 1);
        log.warn("event=webhook_retry webhook={} notification={} request={} attempt={} {} next_in_ms={}", delivery.target().redacted(),
                delivery.event(), delivery.requestId(), attempt, outcome, wait.toMillis());
        enqueue(delivery, attempt + 1, wait);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        http.close();
    }
}
