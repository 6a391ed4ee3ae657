package io.debuggate.approval.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.debuggate.approval.SignatureRole;
import io.debuggate.approval.event.GrantApproved;
import io.debuggate.approval.event.GrantRevoked;
import io.debuggate.approval.event.SignatureRequested;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to a JDK HttpServer on loopback. */
class ApprovalNotifierTest {

    private static final WebhookRetry FAST = new WebhookRetry(4, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;
    private ApprovalNotifier notifier;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (hang) {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                bodies.add(body);
                paths.add(exchange.getRequestURI().getPath());
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (notifier != null) {
            notifier.close();
        }
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static GrantApproved approved() {
        return new GrantApproved("dr-1", "alice", "checkout", "checkout-1", Set.of("dlv", "pprof"), "interactive", AT,
                AT.plusSeconds(1800), List.of("bob", "carol"), AT);
    }

    @Test
    void aSlackWebhookGetsOneLineOfText() {
        notifier = new ApprovalNotifier(List.of(new WebhookTarget(url("/slack"), WebhookFormat.SLACK, Set.of())), FAST);
        notifier.on(approved());
        await().atMost(Duration.ofSeconds(5)).until(() -> bodies.size() == 1);
        JsonNode body = JsonMapper.builder().build().readTree(bodies.getFirst());
        assertThat(body.propertyNames()).containsExactly("text");
        assertThat(body.get("text").asString()).isEqualTo("Debug request dr-1 by alice for checkout/checkout-1 was approved by bob and carol: "
                + "dlv, pprof in mode interactive from 2026-03-01T12:00:00Z to 2026-03-01T12:30:00Z");
    }

    @Test
    void aJsonWebhookGetsTheEventAndItsData() {
        notifier = new ApprovalNotifier(List.of(new WebhookTarget(url("/json"), WebhookFormat.JSON, Set.of())), FAST);
        notifier.on(new SignatureRequested("dr-2", "alice", SignatureRole.OPS_LEAD, "ops-leads", "checkout", "checkout-1",
                AT.plusSeconds(3600), AT));
        await().atMost(Duration.ofSeconds(5)).until(() -> bodies.size() == 1);
        JsonNode body = JsonMapper.builder().build().readTree(bodies.getFirst());
        assertThat(body.get("event").asString()).isEqualTo("SignatureRequested");
        assertThat(body.get("requestId").asString()).isEqualTo("dr-2");
        assertThat(body.get("text").asString()).contains("awaits a signature from ops-leads (OPS_LEAD)");
        assertThat(body.get("data").get("requiredGroup").asString()).isEqualTo("ops-leads");
        assertThat(body.get("data").get("approvalDeadline").asString()).isEqualTo("2026-03-01T13:00:00Z");
    }

    @Test
    void failuresAreRetriedWithBackOff() {
        failuresLeft.set(2);
        notifier = new ApprovalNotifier(List.of(new WebhookTarget(url("/flaky"), WebhookFormat.SLACK, Set.of())), FAST);
        notifier.on(approved());
        await().atMost(Duration.ofSeconds(5)).until(() -> bodies.size() == 1);
        assertThat(failuresLeft.get()).as("two 503s, then success").isEqualTo(-1);
        await().atMost(Duration.ofSeconds(2)).until(() -> notifier.queued() == 0);
    }

    @Test
    void aWebhookThatNeverRecoversIsGivenUpAfterMaxAttempts() {
        failuresLeft.set(100);
        notifier = new ApprovalNotifier(List.of(new WebhookTarget(url("/dead"), WebhookFormat.SLACK, Set.of())), FAST);
        notifier.on(approved());
        await().atMost(Duration.ofSeconds(5)).until(() -> notifier.queued() == 0);
        assertThat(failuresLeft.get()).as("exactly four attempts").isEqualTo(96);
        assertThat(bodies).isEmpty();
    }

    @Test
    void aDeadHostIsRetriedAndNeverThrows() {
        notifier = new ApprovalNotifier(List.of(new WebhookTarget(URI.create("http://127.0.0.1:9/nothing-listens"), WebhookFormat.JSON,
                Set.of())), FAST);
        notifier.on(approved());
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.queued() == 0);
    }

    @Test
    void aHangingWebhookDoesNotBlockThePublisher() {
        hang = true;
        notifier = new ApprovalNotifier(List.of(new WebhookTarget(url("/slow"), WebhookFormat.SLACK, Set.of())), FAST);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            notifier.on(approved());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void eachWebhookGetsOnlyTheEventsItAskedFor() {
        notifier = new ApprovalNotifier(List.of(
                new WebhookTarget(url("/revocations"), WebhookFormat.SLACK, Set.of("GrantRevoked")),
                new WebhookTarget(url("/all"), WebhookFormat.SLACK, Set.of())), FAST);
        notifier.on(approved());
        notifier.on(new GrantRevoked("dr-1", "alice", "checkout", "checkout-1", "frank", AT));
        await().atMost(Duration.ofSeconds(5)).until(() -> bodies.size() == 3);
        assertThat(paths).containsExactlyInAnyOrder("/all", "/all", "/revocations");
    }

    @Test
    void webhookUrlsAreRedactedForLogs() {
        WebhookTarget target = new WebhookTarget(URI.create("https://hooks.slack.com/services/T000/B000/XXXXSECRET"), WebhookFormat.SLACK,
                Set.of());
        assertThat(target.redacted()).isEqualTo("https://hooks.slack.com/…").doesNotContain("SECRET");
    }
}
