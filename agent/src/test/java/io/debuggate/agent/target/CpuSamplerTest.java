package io.debuggate.agent.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuSamplerTest {

    @TempDir
    Path proc;

    @Test
    void addsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4711 (pay (svc) x) S 1 4711 4711 0 -1 4194560 120 0 0 0 250 75 0 0 20 0 9 0 1234 0 0";
        assertThat(CpuSampler.cpuSeconds(stat)).isEqualTo(3.25);
        assertThatThrownBy(() -> CpuSampler.cpuSeconds("4711 garbage")).hasMessageContaining("no ')'");
        assertThatThrownBy(() -> CpuSampler.cpuSeconds("4711 (x) S 1 2")).hasMessageContaining("only 3 fields");
    }

    @Test
    void countsTheCpusOfTheAffinityList() {
        assertThat(CpuSampler.countCpus("0-1")).isEqualTo(2);
        assertThat(CpuSampler.countCpus("0-3,8,10-11")).isEqualTo(7);
        assertThat(CpuSampler.countCpus("5")).isEqualTo(1);
        assertThat(CpuSampler.allowedCpus("Name:\tx\nCpus_allowed_list:\t0-3\n")).isEqualTo(4);
        assertThatThrownBy(() -> CpuSampler.countCpus(" ")).hasMessageContaining("empty Cpus_allowed_list");
    }

    @Test
    void readsAFakeProcTreeAndNamesAMissingProcess() throws Exception {
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(proc.resolve("42/stat"), "42 (svc) R 1 42 42 0 -1 0 0 0 0 0 1000 500 0 0 20 0 4 0 1 0 0\n");
        Files.writeString(proc.resolve("42/status"), "Name:\tsvc\nCpus_allowed_list:\t0-7\n");
        CpuUsage usage = new CpuSampler(proc).read(42);
        assertThat(usage.pid()).isEqualTo(42);
        assertThat(usage.cpuSeconds()).isEqualTo(15.0);
        assertThat(usage.cores()).isEqualTo(8);
        assertThatThrownBy(() -> new CpuSampler(proc).read(43))
                .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("is process 43 still running?");
    }

    @Test
    void theCounterOfARealProcessGrowsWhileItBurnsCpu() throws Exception {
        CpuSampler sampler = new CpuSampler();
        long self = ProcessHandle.current().pid();
        CpuUsage before = sampler.read(self);
        // Spin until this thread has had 0.3 s of CPU, however long a loaded machine takes to give it.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
        double x = 1;
        while (threads.getCurrentThreadCpuTime() < until) {
            x = Math.sqrt(x + 1.5);
        }
        CpuUsage after = sampler.read(self);
        assertThat(x).isPositive();
        // /proc counts in clock ticks (10 ms); the process counter includes this thread's 0.3 s
        assertThat(after.cpuSeconds() - before.cpuSeconds()).as("CPU seconds after 0.3 s of this thread's CPU")
                .isGreaterThanOrEqualTo(0.25);
        assertThat(after.readAtNanos()).isGreaterThan(before.readAtNanos());
        assertThat(after.cores()).isBetween(1, Runtime.getRuntime().availableProcessors());
    }
}
