package io.debuggate.gateway.health.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.debuggate.gateway.health.HealthProperties;
import io.debuggate.gateway.health.Reading;
import io.debuggate.gateway.health.TargetHealthEndpoints;
import io.debuggate.gateway.targets.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scrape and Prometheus-query sources against small local HTTP servers that answer what a Go
 * service's {@code /metrics} and a Prometheus server's {@code /api/v1/query} answer.
 */
class HealthSourcesTest {

    static final Target DEMO = new Target("payment-svc", "demo-0", "agent-demo", URI.create("http://127.0.0.1:1"));

    HttpServer server;
    final AtomicReference<String> body = new AtomicReference<>("");
    final AtomicReference<Integer> status = new AtomicReference<>(200);
    final List<String> queries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String q = exchange.getRequestURI().getRawQuery();
            if (q != null && q.startsWith("query=")) {
                queries.add(URLDecoder.decode(q.substring(6), StandardCharsets.UTF_8));
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void parsesTheTextFormatIncludingEscapedLabelsAndSkipsWhatItCannotRead() {
        List<PrometheusText.Series> series = PrometheusText.parse("""
                # HELP http_requests_total Public HTTP requests by status code.
                # TYPE http_requests_total counter
                http_requests_total{code="200",path="/a\\"b"} 1027
                http_requests_total{code="500"} 3 1700000000000
                process_cpu_seconds_total 12.5
                weird{broken 1
                go_gc_duration_seconds{quantile="1"} +Inf
                """);
        assertThat(series).hasSize(4);
        assertThat(series.getFirst().labels()).containsEntry("path", "/a\"b");
        assertThat(PrometheusText.sum(series, "http_requests_total", l -> true)).isEqualTo(1030.0);
        assertThat(PrometheusText.sum(series, "http_requests_total", l -> l.get("code").startsWith("5"))).isEqualTo(3.0);
        assertThat(PrometheusText.sum(series, "nope", l -> true)).isNull();
        assertThat(series.getLast().value()).isInfinite();
    }

    @Test
    void countersBecomeIncreasesAndAResetCountsFromZero() {
        CounterTracker t = new CounterTracker();
        assertThat(t.increase("k", 10, 1_000_000_000L, "pid-1")).isEmpty();
        assertThat(t.increase("k", 13, 3_000_000_000L, "pid-1")).hasValueSatisfying(i -> {
            assertThat(i.amount()).isEqualTo(3);
            assertThat(i.perSecond()).isEqualTo(1.5);
        });
        assertThat(t.increase("k", 2, 4_000_000_000L, "pid-1")).hasValueSatisfying(i -> assertThat(i.amount()).isEqualTo(2));
        assertThat(t.increase("k", 5, 5_000_000_000L, "pid-2")).as("another process: start over").isEmpty();
    }

    @Test
    void theScrapeGivesCpuAndTheIntervalsRequestsLessItsOwnScrapes() throws Exception {
        TargetHealthEndpoints endpoints = endpoints(1.0);
        endpoints.registerMetrics(DEMO.name(), new TargetHealthEndpoints.MetricsEndpoint(url("/metrics"), true));
        ScrapeSource source = new ScrapeSource(endpoints, scrapeNames(), Duration.ofSeconds(2));
        assertThat(source.supplies(DEMO, "cpu")).isTrue();
        assertThat(source.supplies(DEMO, "gc-pause")).isFalse();
        assertThat(source.supplies(new Target("other", "x", "a", URI.create("http://127.0.0.1:1")), "cpu")).isFalse();

        // A service that has served nothing yet exports no request series.
        body.set("process_cpu_seconds_total 10.0\n");
        Map<String, Reading> first = source.read(DEMO, Set.of("cpu", "http-5xx"));
        assertThat(first.get("cpu")).isInstanceOf(Reading.Warmup.class);
        assertThat(first.get("http-5xx")).isInstanceOf(Reading.Warmup.class);

        Thread.sleep(200);
        body.set("process_cpu_seconds_total 10.2\nhttp_requests_total{code=\"200\"} 90\nhttp_requests_total{code=\"500\"} 11\n"
                + "http_requests_total{code=\"404\"} 2\n");
        Map<String, Reading> second = source.read(DEMO, Set.of("cpu", "http-5xx"));
        assertThat(((Reading.Level) second.get("cpu")).value()).as("0.2 CPU seconds in about 0.2 s").isBetween(0.3, 1.01);
        assertThat(second.get("http-5xx")).as("103 requests, one of them our previous scrape").isEqualTo(new Reading.Counts(102, 11));

        body.set("go_goroutines 12\n");
        assertThat(source.read(DEMO, Set.of("cpu")).get("cpu")).isInstanceOfSatisfying(Reading.Missing.class,
                m -> assertThat(m.reason()).contains("no process_cpu_seconds_total in the scrape of payment-svc/demo-0"));
        status.set(503);
        assertThatThrownBy(() -> source.read(DEMO, Set.of("cpu"))).hasMessageContaining("answered HTTP 503");
    }

    @Test
    void prometheusLevelQueriesAreExpandedPerTargetAndTheWorstSeriesCounts() throws Exception {
        PrometheusQuerySource source = new PrometheusQuerySource(new HealthProperties.Prometheus(url(""), List.of(
                new HealthProperties.Query("cpu", "sum by (pod) (rate(process_cpu_seconds_total{job=\"{service}\",instance=\"{instance}\"}[30s]))",
                        null, null, List.of()),
                new HealthProperties.Query("gc-pause-seconds", "max(go_gc_pause{instance=\"{instance}\"})", null, null,
                        List.of("payment-svc/demo-9")))), Duration.ofSeconds(2));
        assertThat(source.supplies(DEMO, "cpu")).isTrue();
        assertThat(source.supplies(DEMO, "gc-pause-seconds")).as("configured for another target only").isFalse();

        body.set("""
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"pod":"a"},"value":[1772359200.5,"0.41"]},
                  {"metric":{"pod":"b"},"value":[1772359200.5,"0.87"]}]}}""");
        assertThat(source.read(DEMO, Set.of("cpu"))).containsEntry("cpu", new Reading.Level(0.87));
        assertThat(queries.getLast()).isEqualTo(
                "sum by (pod) (rate(process_cpu_seconds_total{job=\"payment-svc\",instance=\"demo-0\"}[30s]))");

        body.set("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1772359200.5,\"0.5\"]}}");
        assertThat(source.read(DEMO, Set.of("cpu"))).containsEntry("cpu", new Reading.Level(0.5));

        body.set("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        assertThat(source.read(DEMO, Set.of("cpu")).get("cpu")).isInstanceOfSatisfying(Reading.Missing.class,
                m -> assertThat(m.reason()).startsWith("query gave no series"));

        status.set(400);
        body.set("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}");
        assertThat(source.read(DEMO, Set.of("cpu")).get("cpu")).isInstanceOfSatisfying(Reading.Missing.class,
                m -> assertThat(m.reason()).contains("Prometheus refused the query (bad_data: parse error at char 5)"));
    }

    @Test
    void prometheusRequestCountersGiveTheIntervalsCounts() throws Exception {
        PrometheusQuerySource source = new PrometheusQuerySource(new HealthProperties.Prometheus(url(""), List.of(
                new HealthProperties.Query("http-5xx", null, "sum(http_requests_total{instance=\"{instance}\"})",
                        "sum(http_requests_total{instance=\"{instance}\",code=~\"5..\"})", List.of()))), Duration.ofSeconds(2));
        body.set("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"100\"]}]}}");
        assertThat(source.read(DEMO, Set.of("http-5xx")).get("http-5xx")).isInstanceOf(Reading.Warmup.class);
        body.set("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[2,\"160\"]}]}}");
        // Both queries see 160 here: 60 more requests, 60 more errors.
        assertThat(source.read(DEMO, Set.of("http-5xx")).get("http-5xx")).isEqualTo(new Reading.Counts(60, 60));
        assertThat(queries).contains("sum(http_requests_total{instance=\"demo-0\",code=~\"5..\"})");
    }

    @Test
    void misconfiguredQueriesAreRefusedAtStartWithTheFix() {
        assertThatThrownBy(() -> new HealthProperties.Query("cpu", null, null, null, List.of()))
                .hasMessageContaining("needs either query (a level) or requests-query and errors-query");
        assertThatThrownBy(() -> new HealthProperties.Query("http-5xx", "up", null, null, List.of()))
                .hasMessageContaining("http-5xx needs requests-query and errors-query");
        assertThatThrownBy(() -> new HealthProperties.Prometheus(null, List.of(new HealthProperties.Query("cpu", "up", null, null, List.of()))))
                .hasMessageContaining("need debuggate.health.prometheus.url");
        assertThatThrownBy(() -> new HealthProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(2), List.of("agent"),
                List.of(), scrapeNames(), new HealthProperties.Prometheus(null, List.of())))
                .hasMessageContaining("source-timeout must be positive and shorter than the sample interval (1000 ms), got 2000 ms");
    }

    private static HealthProperties.Scrape scrapeNames() {
        return new HealthProperties.Scrape("process_cpu_seconds_total", "http_requests_total", "code");
    }

    private static TargetHealthEndpoints endpoints(double cores) {
        return new TargetHealthEndpoints(new HealthProperties(true, Duration.ofSeconds(1), Duration.ofMillis(800),
                List.of("agent", "scrape"), List.of(new HealthProperties.TargetSettings("payment-svc/demo-0", null, cores, false)),
                scrapeNames(), new HealthProperties.Prometheus(null, List.of())));
    }
}
