package io.debuggate.gateway.health;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where each target's own metrics are, beyond its agent: configured under
 * {@code debuggate.health.targets}, or registered at run time (the demo target registers its test
 * bed's {@code /metrics} when it starts). A registration wins over configuration.
 */
public final class TargetHealthEndpoints {

    private final HealthProperties properties;
    /** A service's metrics endpoint, and whether its request counter includes the scrapes themselves. */
    public record MetricsEndpoint(URI url, boolean scrapesCounted) {
    }

    private final ConcurrentMap<String, MetricsEndpoint> registered = new ConcurrentHashMap<>();

    public TargetHealthEndpoints(HealthProperties properties) {
        this.properties = properties;
    }

    public void registerMetrics(String targetName, MetricsEndpoint endpoint) {
        registered.put(targetName, endpoint);
    }

    public void unregister(String targetName) {
        registered.remove(targetName);
    }

    public Optional<MetricsEndpoint> metrics(String targetName) {
        MetricsEndpoint endpoint = registered.get(targetName);
        if (endpoint != null) {
            return Optional.of(endpoint);
        }
        HealthProperties.TargetSettings s = properties.settings(targetName);
        return s == null || s.metricsUrl() == null ? Optional.empty()
                : Optional.of(new MetricsEndpoint(s.metricsUrl(), s.scrapesCounted()));
    }

    /** The configured CPU capacity in cores, if any. */
    public Optional<Double> cpuCores(String targetName) {
        HealthProperties.TargetSettings s = properties.settings(targetName);
        return Optional.ofNullable(s == null ? null : s.cpuCores());
    }
}
