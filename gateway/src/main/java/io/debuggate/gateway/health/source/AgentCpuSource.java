package io.debuggate.gateway.health.source;

import io.debuggate.agent.protocol.TargetMetrics;
import io.debuggate.gateway.agents.AgentConnections;
import io.debuggate.gateway.health.HealthSource;
import io.debuggate.gateway.health.Reading;
import io.debuggate.gateway.health.Signals;
import io.debuggate.gateway.health.TargetHealthEndpoints;
import io.debuggate.gateway.targets.Target;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CPU from the agent beside the target ({@code GET /v1/metrics}: the process's {@code /proc} CPU
 * counter). Utilization = CPU seconds per second, divided by the CPUs the process may use (or the
 * target's configured {@code cpu-cores}). Elapsed time is the agent's own monotonic clock, so
 * network jitter between gateway and agent does not bend the rate.
 */
public final class AgentCpuSource implements HealthSource {

    private final AgentConnections agents;
    private final TargetHealthEndpoints endpoints;
    private final CounterTracker counters = new CounterTracker();

    public AgentCpuSource(AgentConnections agents, TargetHealthEndpoints endpoints) {
        this.agents = agents;
        this.endpoints = endpoints;
    }

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public boolean supplies(Target target, String signal) {
        return Signals.CPU.equals(signal);
    }

    @Override
    public Map<String, Reading> read(Target target, Set<String> signals) throws Exception {
        TargetMetrics m = agents.client(target).metrics();
        Optional<CounterTracker.Increase> inc = counters.increase(target.name(), m.cpuSecondsTotal(), m.monotonicNanos(),
                m.agentId() + "/" + m.pid());
        if (inc.isEmpty()) {
            return Map.of(Signals.CPU, new Reading.Warmup("first CPU reading of pid " + m.pid()));
        }
        double cores = endpoints.cpuCores(target.name()).orElse((double) m.cpuCores());
        return Map.of(Signals.CPU, new Reading.Level(inc.get().perSecond() / cores));
    }
}
