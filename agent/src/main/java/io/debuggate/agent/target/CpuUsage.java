package io.debuggate.agent.target;

/**
 * How much CPU a process has used since it started, read at one moment.
 *
 * @param pid the process
 * @param cpuSeconds user plus system CPU time of all its threads, in seconds (a counter)
 * @param cores how many CPUs the process may run on (its affinity mask), what "100 %" means
 * @param readAtNanos {@link System#nanoTime()} on the agent when read; only differences mean anything
 */
public record CpuUsage(long pid, double cpuSeconds, int cores, long readAtNanos) {
}
