package io.debuggate.agent.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time from {@code /proc/<pid>/stat} (utime + stime of all threads) and the
 * CPUs it may use from {@code Cpus_allowed_list} in {@code /proc/<pid>/status}. Stateless: the
 * caller turns two readings into a utilization, so several gateways may poll without disturbing
 * each other.
 */
public final class CpuSampler {

    /**
     * The unit of the times in {@code /proc/<pid>/stat}: USER_HZ, which the kernel fixes at 100 on
     * every architecture this agent runs on (x86-64, arm64), whatever the kernel's own HZ.
     */
    static final int USER_HZ = 100;
    private static final int UTIME_AFTER_COMM = 11;
    private static final int STIME_AFTER_COMM = 12;

    private final Path procRoot;

    public CpuSampler() {
        this(Path.of("/proc"));
    }

    CpuSampler(Path procRoot) {
        this.procRoot = procRoot;
    }

    public CpuUsage read(long pid) throws TargetUnavailableException {
        Path dir = procRoot.resolve(Long.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String status = Files.readString(dir.resolve("status"));
            return new CpuUsage(pid, cpuSeconds(stat), allowedCpus(status), System.nanoTime());
        } catch (IOException e) {
            throw new TargetUnavailableException("cannot read " + dir + "/stat (" + e.getClass().getSimpleName()
                    + "): is process " + pid + " still running?");
        } catch (IllegalArgumentException e) {
            throw new TargetUnavailableException("cannot parse " + dir + ": " + e.getMessage());
        }
    }

    /** utime + stime from one {@code stat} line; the command name may hold spaces and ')' so parse after the last ')'. */
    static double cpuSeconds(String statLine) {
        int end = statLine.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("no ')' after the command name in \"" + abbreviate(statLine) + "\"");
        }
        String[] fields = statLine.substring(end + 1).strip().split(" +");
        if (fields.length <= STIME_AFTER_COMM) {
            throw new IllegalArgumentException("only " + fields.length + " fields after the command name");
        }
        long ticks = Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[STIME_AFTER_COMM]);
        return ticks / (double) USER_HZ;
    }

    /** The number of CPUs in {@code Cpus_allowed_list: 0-3,8,10-11}; the machine's count when the line is absent. */
    static int allowedCpus(String statusText) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return countCpus(line.substring("Cpus_allowed_list:".length()).strip());
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    static int countCpus(String list) {
        int count = 0;
        for (String part : list.split(",")) {
            String range = part.strip();
            if (range.isEmpty()) {
                continue;
            }
            int dash = range.indexOf('-');
            count += dash < 0 ? 1 : Integer.parseInt(range.substring(dash + 1)) - Integer.parseInt(range.substring(0, dash)) + 1;
        }
        if (count < 1) {
            throw new IllegalArgumentException("empty Cpus_allowed_list \"" + list + "\"");
        }
        return count;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
