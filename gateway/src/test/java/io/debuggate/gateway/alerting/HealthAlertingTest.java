package io.debuggate.gateway.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert delivery to a real local webhook receiver: the three body formats, retry with backoff
 * (waits recorded instead of slept), what is not retried, and the dead-letter file.
 */
class HealthAlertingTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Alert ALERT = new Alert("health.breaker.opened", "critical",
            "Debug sessions on payment-svc/demo-0 cut: health breaker 'cpu' opened",
            "cpu above 0.700 in every sample for 15s", Map.of("target", "payment-svc/demo-0", "signal", "cpu"),
            Instant.parse("2026-03-01T10:00:15Z"));

    @TempDir
    Path home;

    HttpServer receiver;
    final List<String> received = new CopyOnWriteArrayList<>();
    /** Status and body to answer, one per request; when empty: 200 "ok". */
    final Deque<Object[]> answers = new ArrayDeque<>();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Object[] answer;
            synchronized (answers) {
                answer = answers.isEmpty() ? new Object[] {200, "ok"} : answers.removeFirst();
            }
            byte[] bytes = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders((Integer) answer[0], bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void eachFormatSendsTheBodyItsReceiverExpects() {
        dispatcher(AlertFormat.GENERIC).deliver(sink(AlertFormat.GENERIC), ALERT);
        dispatcher(AlertFormat.SLACK).deliver(sink(AlertFormat.SLACK), ALERT);
        answers.add(new Object[] {200, "{\"errcode\":0,\"errmsg\":\"ok\"}"});
        dispatcher(AlertFormat.DINGTALK).deliver(sink(AlertFormat.DINGTALK), ALERT);

        JsonNode generic = JSON.readTree(received.get(0));
        assertThat(generic.path("kind").asString()).isEqualTo("health.breaker.opened");
        assertThat(generic.path("severity").asString()).isEqualTo("critical");
        assertThat(generic.path("fields").path("target").asString()).isEqualTo("payment-svc/demo-0");
        assertThat(generic.path("at").asString()).isEqualTo("2026-03-01T10:00:15Z");
        JsonNode slack = JSON.readTree(received.get(1));
        assertThat(slack.size()).isEqualTo(1);
        assertThat(slack.path("text").asString()).startsWith("*Debug sessions on payment-svc/demo-0 cut").contains("cpu above 0.700");
        JsonNode ding = JSON.readTree(received.get(2));
        assertThat(ding.path("msgtype").asString()).isEqualTo("text");
        assertThat(ding.path("text").path("content").asString()).contains("payment-svc/demo-0", "cpu above 0.700");
        assertThat(meters.get("debuggate.alerts.delivered").tag("sink", "oncall").counter().count()).isEqualTo(3.0);
        assertThat(Files.exists(home.resolve("dead-letter.jsonl"))).isFalse();
    }

    @Test
    void serverErrorsAreRetriedWithGrowingWaits() {
        answers.add(new Object[] {503, "busy"});
        answers.add(new Object[] {502, "bad gateway"});
        dispatcher(AlertFormat.GENERIC).deliver(sink(AlertFormat.GENERIC), ALERT);
        assertThat(received).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(meters.get("debuggate.alerts.delivered").tag("sink", "oncall").counter().count()).isEqualTo(1.0);
    }

    @Test
    void whatNoAttemptDeliveredEndsInTheDeadLetterFile() throws IOException {
        // A 400 would be refused again: one attempt, then dead letter.
        answers.add(new Object[] {400, "invalid_payload"});
        dispatcher(AlertFormat.SLACK).deliver(sink(AlertFormat.SLACK), ALERT);
        assertThat(received).hasSize(1);
        // DingTalk says no with 200 and an errcode: retried, then dead letter after all 4 attempts.
        for (int i = 0; i < 4; i++) {
            answers.add(new Object[] {200, "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}"});
        }
        dispatcher(AlertFormat.DINGTALK).deliver(sink(AlertFormat.DINGTALK), ALERT);
        assertThat(received).hasSize(5);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));

        List<String> lines = Files.readAllLines(home.resolve("dead-letter.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.path("sink").asString()).isEqualTo("oncall");
        assertThat(first.path("attempts").asInt()).isEqualTo(1);
        assertThat(first.path("lastError").asString()).isEqualTo("HTTP 400: invalid_payload");
        assertThat(first.path("alert").path("title").asString()).isEqualTo(ALERT.title());
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.path("attempts").asInt()).isEqualTo(4);
        assertThat(second.path("lastError").asString()).isEqualTo("DingTalk errcode 310000: keywords not in content");
        assertThat(Files.getPosixFilePermissions(home.resolve("dead-letter.jsonl")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        assertThat(meters.get("debuggate.alerts.dead_lettered").counters()).hasSize(1);
    }

    @Test
    void anUnreachableReceiverIsRetriedAndWithoutSinksNothingIsLost() throws IOException {
        AlertingProperties.Sink dead = new AlertingProperties.Sink("gone", AlertFormat.GENERIC, URI.create("http://127.0.0.1:1/hook"),
                Duration.ofSeconds(1));
        dispatcher(AlertFormat.GENERIC).deliver(new WebhookSink(dead, HttpClient.newHttpClient()), ALERT);
        assertThat(waits).hasSize(3);
        assertThat(Files.readString(home.resolve("dead-letter.jsonl"))).contains("\"sink\":\"gone\"", "ConnectException");

        AlertDispatcher none = new AlertDispatcher(List.of(), retry(), new DeadLetterLog(home.resolve("none.jsonl")), meters, waits::add);
        none.send(ALERT);
        assertThat(Files.readString(home.resolve("none.jsonl"))).contains("debuggate.alerting.sinks is empty");
    }

    @Test
    void badConfigurationIsRefusedWithTheFix() {
        assertThatThrownBy(() -> new AlertingProperties.Sink("x", AlertFormat.SLACK, URI.create("ftp://example.com/h"), Duration.ofSeconds(5)))
                .hasMessageContaining("must be an http(s) URL, got scheme 'ftp'");
        AlertingProperties.Sink a = sink(AlertFormat.SLACK).config();
        assertThatThrownBy(() -> new AlertingProperties(List.of(a, a), retry(), null)).hasMessageContaining("names 'oncall' twice");
        assertThatThrownBy(() -> new AlertingProperties.Retry(3, Duration.ofSeconds(10), 2.0, Duration.ofSeconds(1)))
                .hasMessageContaining("initial-backoff <= max-backoff");
        assertThat(new AlertingProperties.Retry(9, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30)).backoff(8))
                .isEqualTo(Duration.ofSeconds(30));
    }

    private AlertingProperties.Retry retry() {
        return new AlertingProperties.Retry(4, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(3));
    }

    private WebhookSink sink(AlertFormat format) {
        return new WebhookSink(new AlertingProperties.Sink("oncall", format,
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"), Duration.ofSeconds(5)),
                HttpClient.newHttpClient());
    }

    private AlertDispatcher dispatcher(AlertFormat format) {
        return new AlertDispatcher(List.of(sink(format)), retry(), new DeadLetterLog(home.resolve("dead-letter.jsonl")), meters,
                waits::add);
    }
}
