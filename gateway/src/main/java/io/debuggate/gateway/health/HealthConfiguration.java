package io.debuggate.gateway.health;

import io.debuggate.audit.AuditTrail;
import io.debuggate.gateway.agents.AgentConnections;
import io.debuggate.gateway.alerting.AlertSender;
import io.debuggate.gateway.health.source.AgentCpuSource;
import io.debuggate.gateway.health.source.PrometheusQuerySource;
import io.debuggate.gateway.health.source.ScrapeSource;
import io.debuggate.gateway.policy.ActivePolicy;
import io.debuggate.gateway.targets.TargetRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the health breakers. The breakers, the gate and the endpoints always exist (so the
 * session registry and the API can depend on them); only the sampler is switched by
 * {@code debuggate.health.enabled}.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean
    TargetHealthEndpoints targetHealthEndpoints(HealthProperties properties) {
        return new TargetHealthEndpoints(properties);
    }

    @Bean
    HealthBreakers healthBreakers(CircuitBreakerRegistry registry, MeterRegistry meters, ActivePolicy active,
                                  HealthProperties properties, Clock clock) {
        // Health thresholds are a restart-only section: a reload that changes them is refused.
        var health = active.current().health();
        return new HealthBreakers(registry, meters, SignalSpec.from(health), properties.sampleInterval(),
                health.calmPeriod(), clock);
    }

    @Bean
    TargetHealthGate targetHealthGate(HealthBreakers breakers) {
        return new TargetHealthGate(breakers);
    }

    @Bean
    BreakerAnnouncer breakerAnnouncer(ApplicationEventPublisher events, AuditTrail audit, AlertSender alerts,
                                      HealthBreakers breakers) {
        return new BreakerAnnouncer(events, audit, alerts, breakers);
    }

    @Bean
    @ConditionalOnProperty(prefix = "debuggate.health", name = "enabled", matchIfMissing = true)
    HealthSampler healthSampler(TargetRegistry targets, HealthBreakers breakers, BreakerAnnouncer announcer,
                                HealthProperties properties, AgentConnections agents, TargetHealthEndpoints endpoints) {
        List<HealthSource> sources = new ArrayList<>();
        for (String name : properties.sourceOrder()) {
            switch (name) {
                case "agent" -> sources.add(new AgentCpuSource(agents, endpoints));
                case "scrape" -> sources.add(new ScrapeSource(endpoints, properties.scrape(), properties.sourceTimeout()));
                case "prometheus" -> {
                    if (properties.prometheus().url() != null) {
                        sources.add(new PrometheusQuerySource(properties.prometheus(), properties.sourceTimeout()));
                    }
                }
                default -> throw new IllegalStateException("unknown health source " + name);
            }
        }
        return new HealthSampler(targets, new SourceRouter(sources, properties.sourceTimeout()), breakers, announcer,
                properties.sampleInterval());
    }
}
