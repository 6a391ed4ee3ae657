package io.debuggate.gateway.health.source;

import io.debuggate.gateway.health.HealthProperties;
import io.debuggate.gateway.health.HealthSource;
import io.debuggate.gateway.health.Reading;
import io.debuggate.gateway.health.Signals;
import io.debuggate.gateway.health.TargetHealthEndpoints;
import io.debuggate.gateway.targets.Target;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scrapes the service's own Prometheus-format metrics: CPU from the CPU-seconds counter (of one
 * core unless the target's {@code cpu-cores} says otherwise), and the 5xx share from the request
 * counter's status label. A service that has served no request yet exports no request series;
 * that counts as zero requests, not as a missing sample.
 */
public final class ScrapeSource implements HealthSource {

    private final TargetHealthEndpoints endpoints;
    private final HealthProperties.Scrape names;
    private final Duration timeout;
    private final HttpClient http;
    private final CounterTracker counters = new CounterTracker();

    public ScrapeSource(TargetHealthEndpoints endpoints, HealthProperties.Scrape names, Duration timeout) {
        this.endpoints = endpoints;
        this.names = names;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String name() {
        return "scrape";
    }

    @Override
    public boolean supplies(Target target, String signal) {
        return (Signals.CPU.equals(signal) || Signals.HTTP_5XX.equals(signal)) && endpoints.metrics(target.name()).isPresent();
    }

    @Override
    public Map<String, Reading> read(Target target, Set<String> signals) throws Exception {
        TargetHealthEndpoints.MetricsEndpoint endpoint = endpoints.metrics(target.name()).orElseThrow(
                () -> new IllegalStateException("no metrics URL for " + target.name()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.url()).timeout(timeout)
                .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
        long now = System.nanoTime();
        if (response.statusCode() != 200) {
            throw new IOException("metrics endpoint of " + target.name() + " answered HTTP " + response.statusCode());
        }
        List<PrometheusText.Series> series = PrometheusText.parse(response.body());
        Map<String, Reading> out = new HashMap<>();
        if (signals.contains(Signals.CPU)) {
            out.put(Signals.CPU, cpu(target, series, now));
        }
        if (signals.contains(Signals.HTTP_5XX)) {
            out.put(Signals.HTTP_5XX, errors(target, series, now, endpoint.scrapesCounted()));
        }
        return out;
    }

    private Reading cpu(Target target, List<PrometheusText.Series> series, long now) {
        Double seconds = PrometheusText.sum(series, names.cpuMetric(), labels -> true);
        if (seconds == null) {
            counters.forget(target.name() + ":cpu");
            return new Reading.Missing("no " + names.cpuMetric() + " in the scrape of " + target.name());
        }
        Optional<CounterTracker.Increase> inc = counters.increase(target.name() + ":cpu", seconds, now, "scrape");
        double cores = endpoints.cpuCores(target.name()).orElse(1.0);
        return inc.<Reading>map(i -> new Reading.Level(i.perSecond() / cores))
                .orElseGet(() -> new Reading.Warmup("first scrape of " + names.cpuMetric()));
    }

    private Reading errors(Target target, List<PrometheusText.Series> series, long now, boolean scrapesCounted) {
        Double total = PrometheusText.sum(series, names.requestsMetric(), labels -> true);
        Double failed = PrometheusText.sum(series, names.requestsMetric(),
                labels -> labels.getOrDefault(names.statusLabel(), "").startsWith("5"));
        Optional<CounterTracker.Increase> requests = counters.increase(target.name() + ":requests", total == null ? 0 : total, now, "scrape");
        Optional<CounterTracker.Increase> errors = counters.increase(target.name() + ":errors", failed == null ? 0 : failed, now, "scrape");
        if (requests.isEmpty() || errors.isEmpty()) {
            return new Reading.Warmup("first scrape of " + names.requestsMetric());
        }
        // The previous scrape itself was counted (as a 200) after it was answered.
        long own = scrapesCounted ? 1 : 0;
        long r = Math.max(0, Math.round(requests.get().amount()) - own);
        long e = Math.min(r, Math.round(errors.get().amount()));
        return new Reading.Counts(r, e);
    }
}
