package io.debuggate.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Health sampling ({@code debuggate.health.*}). Thresholds and the calm period are policy
 * ({@code health:} in the policy file); this is only where the signals come from and how often.
 *
 * @param enabled sample at all (default true); off, the breakers stay CLOSED and the gate admits everyone
 * @param sampleInterval one sample per target and signal this often (default 1s)
 * @param sourceTimeout a source that has not answered by then counts as a missing sample (default 800ms;
 *     must be shorter than the interval)
 * @param sourceOrder which source supplies a signal when several can: the first that supplies it
 *     (default agent, scrape, prometheus)
 * @param targets per-target settings: metrics URL to scrape, CPU capacity
 * @param scrape metric names of the Prometheus-format scrape
 * @param prometheus a Prometheus server to query (PromQL per signal)
 */
@ConfigurationProperties("debuggate.health")
public record HealthProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration sampleInterval,
        @DefaultValue("800ms") Duration sourceTimeout,
        @DefaultValue({"agent", "scrape", "prometheus"}) List<String> sourceOrder,
        @DefaultValue List<TargetSettings> targets,
        @DefaultValue Scrape scrape,
        @DefaultValue Prometheus prometheus) {

    static final Set<String> SOURCES = Set.of("agent", "scrape", "prometheus");

    public HealthProperties {
        if (sampleInterval.compareTo(Duration.ofMillis(100)) < 0 || sampleInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("debuggate.health.sample-interval must be between 100ms and 1m, got " + sampleInterval);
        }
        if (sourceTimeout.isNegative() || sourceTimeout.isZero() || sourceTimeout.compareTo(sampleInterval) >= 0) {
            throw new IllegalArgumentException("debuggate.health.source-timeout must be positive and shorter than the sample interval ("
                    + sampleInterval.toMillis() + " ms), got " + sourceTimeout.toMillis() + " ms");
        }
        for (String s : sourceOrder) {
            if (!SOURCES.contains(s)) {
                throw new IllegalArgumentException("debuggate.health.source-order names unknown source '" + s + "'; known: " + SOURCES);
            }
        }
        targets = List.copyOf(targets);
        sourceOrder = List.copyOf(sourceOrder);
    }

    /** The settings of one target, or null. */
    @Nullable TargetSettings settings(String targetName) {
        return targets.stream().filter(t -> t.target().equals(targetName)).findFirst().orElse(null);
    }

    /**
     * @param target {@code service/instance}
     * @param metricsUrl the service's Prometheus-format metrics, e.g. {@code http://10.0.0.7:8090/metrics}
     * @param cpuCores what 100 % CPU means for this target, in cores; unset = the CPUs the agent reports
     *     the process may use (for a scrape without agent: 1)
     * @param scrapesCounted the service counts requests to its own {@code /metrics} in its request
     *     counter; the scrape source then subtracts its own scrapes so they do not dilute the 5xx ratio
     */
    public record TargetSettings(String target, @Nullable URI metricsUrl, @Nullable Double cpuCores,
                                 @DefaultValue("false") boolean scrapesCounted) {
        public TargetSettings {
            if (target == null || !target.matches("[a-z0-9][a-z0-9._-]{0,62}/[a-z0-9][a-z0-9._-]{0,62}")) {
                throw new IllegalArgumentException("debuggate.health.targets[].target must be service/instance, got '" + target + "'");
            }
            if (cpuCores != null && !(cpuCores > 0 && cpuCores <= 4096)) {
                throw new IllegalArgumentException("debuggate.health.targets[" + target + "].cpu-cores must be in (0, 4096], got " + cpuCores);
            }
        }
    }

    /**
     * @param cpuMetric counter of CPU seconds (default {@code process_cpu_seconds_total})
     * @param requestsMetric counter of HTTP requests (default {@code http_requests_total})
     * @param statusLabel its label holding the status code (default {@code code}); 5xx = failed
     */
    public record Scrape(@DefaultValue("process_cpu_seconds_total") String cpuMetric,
                         @DefaultValue("http_requests_total") String requestsMetric,
                         @DefaultValue("code") String statusLabel) {
    }

    /**
     * @param url the Prometheus server, e.g. {@code http://prometheus:9090}; unset = no queries
     * @param queries PromQL per signal; {@code {service}} and {@code {instance}} are replaced per target
     */
    public record Prometheus(@Nullable URI url, @DefaultValue List<Query> queries) {
        public Prometheus {
            queries = List.copyOf(queries);
            if (!queries.isEmpty() && url == null) {
                throw new IllegalArgumentException("debuggate.health.prometheus.queries need debuggate.health.prometheus.url");
            }
        }
    }

    /**
     * One signal from PromQL: a level signal needs {@code query} (an instant vector or scalar; with
     * several series the highest counts); {@code http-5xx} needs {@code requests-query} and
     * {@code errors-query}, both cumulative counters (e.g. {@code sum(http_requests_total{...})}).
     *
     * @param targets the targets it applies to ({@code service/instance}); empty = all
     */
    public record Query(String signal, @Nullable String query, @Nullable String requestsQuery, @Nullable String errorsQuery,
                        @DefaultValue List<String> targets) {
        public Query {
            boolean level = query != null && !query.isBlank();
            boolean counts = requestsQuery != null && !requestsQuery.isBlank() && errorsQuery != null && !errorsQuery.isBlank();
            if (level == counts) {
                throw new IllegalArgumentException("debuggate.health.prometheus.queries[" + signal
                        + "] needs either query (a level) or requests-query and errors-query (counters), not both or neither");
            }
            if (Signals.HTTP_5XX.equals(signal) != counts) {
                throw new IllegalArgumentException("debuggate.health.prometheus.queries[" + signal + "]: "
                        + (counts ? "only http-5xx takes requests-query/errors-query" : "http-5xx needs requests-query and errors-query"));
            }
            targets = List.copyOf(targets);
        }

        public boolean appliesTo(String targetName) {
            return targets.isEmpty() || targets.contains(targetName);
        }
    }
}
