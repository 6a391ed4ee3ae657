package io.debuggate.gateway.health.source;

import io.debuggate.gateway.health.HealthProperties;
import io.debuggate.gateway.health.HealthSource;
import io.debuggate.gateway.health.Reading;
import io.debuggate.gateway.health.Signals;
import io.debuggate.gateway.targets.Target;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signals from a Prometheus server's instant-query API ({@code GET /api/v1/query}), PromQL
 * configured per signal with {@code {service}} and {@code {instance}} replaced per target. A level
 * query's highest series counts (the worst one decides); {@code http-5xx} reads two cumulative
 * counters and takes their increase. An empty result is a missing sample, not a healthy one.
 */
public final class PrometheusQuerySource implements HealthSource {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final java.util.List<HealthProperties.Query> queries;
    private final Duration timeout;
    private final HttpClient http;
    private final CounterTracker counters = new CounterTracker();

    public PrometheusQuerySource(HealthProperties.Prometheus config, Duration timeout) {
        if (config.url() == null) {
            throw new IllegalArgumentException("a Prometheus source needs debuggate.health.prometheus.url");
        }
        this.base = config.url();
        this.queries = config.queries();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public boolean supplies(Target target, String signal) {
        return query(target, signal).isPresent();
    }

    @Override
    public Map<String, Reading> read(Target target, Set<String> signals) throws Exception {
        Map<String, Reading> out = new HashMap<>();
        for (String signal : signals) {
            HealthProperties.Query q = query(target, signal).orElseThrow();
            try {
                out.put(signal, q.query() != null ? level(target, q.query()) : counts(target, q));
            } catch (IOException e) {
                out.put(signal, new Reading.Missing(e.getMessage()));
            }
        }
        return out;
    }

    private Optional<HealthProperties.Query> query(Target target, String signal) {
        return queries.stream().filter(q -> q.signal().equals(signal) && q.appliesTo(target.name())).findFirst();
    }

    private Reading level(Target target, String promql) throws IOException, InterruptedException {
        Double value = evaluate(target, promql);
        if (value == null || value.isNaN() || value.isInfinite()) {
            return new Reading.Missing("query gave " + (value == null ? "no series" : value) + ": " + expand(target, promql));
        }
        return new Reading.Level(value);
    }

    private Reading counts(Target target, HealthProperties.Query q) throws IOException, InterruptedException {
        Double total = evaluate(target, q.requestsQuery());
        Double failed = evaluate(target, q.errorsQuery());
        if (total == null) {
            return new Reading.Missing("requests query returned no series: " + expand(target, q.requestsQuery()));
        }
        long now = System.nanoTime();
        Optional<CounterTracker.Increase> requests = counters.increase(target.name() + ":requests", total, now, "prometheus");
        Optional<CounterTracker.Increase> errors = counters.increase(target.name() + ":errors", failed == null ? 0 : failed, now,
                "prometheus");
        if (requests.isEmpty() || errors.isEmpty()) {
            return new Reading.Warmup("first reading of the request counters");
        }
        long r = Math.round(requests.get().amount());
        return new Reading.Counts(r, Math.min(r, Math.round(errors.get().amount())));
    }

    /** The query's value: a scalar, or the highest sample of an instant vector; null for an empty vector. */
    @Nullable Double evaluate(Target target, String promql) throws IOException, InterruptedException {
        String expanded = expand(target, promql);
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/api/v1/query?query="
                + URLEncoder.encode(expanded, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new IOException("Prometheus answered HTTP " + response.statusCode() + " with a body that is not JSON");
        }
        if (!"success".equals(body.path("status").asString(""))) {
            throw new IOException("Prometheus refused the query (" + body.path("errorType").asString("HTTP " + response.statusCode())
                    + ": " + body.path("error").asString("") + "): " + expanded);
        }
        JsonNode data = body.path("data");
        String type = data.path("resultType").asString("");
        JsonNode result = data.path("result");
        return switch (type) {
            case "scalar" -> number(result.path(1));
            case "vector" -> {
                @Nullable Double max = null;
                for (JsonNode series : result) {
                    double v = number(series.path("value").path(1));
                    if (!Double.isNaN(v)) {
                        max = max == null ? v : Math.max(max, v);
                    }
                }
                yield max;
            }
            default -> throw new IOException("query must give an instant vector or a scalar, got '" + type + "': " + expanded);
        };
    }

    private static double number(JsonNode value) {
        return switch (value.asString("NaN")) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value.asString());
        };
    }

    private static String expand(Target target, String promql) {
        return promql.replace("{service}", target.service()).replace("{instance}", target.instance());
    }
}
