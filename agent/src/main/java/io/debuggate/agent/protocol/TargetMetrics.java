package io.debuggate.agent.protocol;

/**
 * Body of {@code GET /v1/metrics} (no authentication, like {@code /v1/health}: it tells how busy
 * the process is and nothing else). Counters, not rates: the gateway divides the difference of
 * two readings by {@code monotonicNanos} elapsed, so the agent keeps no per-caller state.
 *
 * @param pid the target process the numbers are about (a new pid means the service restarted)
 * @param cpuSecondsTotal user + system CPU seconds of the process since it started
 * @param cpuCores the CPUs the process may run on; utilization = CPU seconds per second / cores
 * @param monotonicNanos the agent's {@link System#nanoTime()} when it read the counter
 */
public record TargetMetrics(String agentId, String target, long pid, double cpuSecondsTotal, int cpuCores,
                            long monotonicNanos) {
}
