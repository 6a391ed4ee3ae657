package io.debuggate.agent.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatusTest {

    @TempDir
    Path dir;

    @Test
    void readsStateAndTracer() throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\ttestbed\nState:\tt (tracing stop)\nTgid:\t42\nTracerPid:\t4711\n");
        ProcStatus read = ProcStatus.read(42, status).orElseThrow();
        assertThat(read).isEqualTo(new ProcStatus(42, "t (tracing stop)", 42, 4711));
        assertThat(read.traced()).isTrue();
        assertThat(read.stopped()).isTrue();
    }

    @Test
    void ourOwnProcessIsRunningAndUntracedAndAMissingOneIsEmpty() {
        ProcStatus self = ProcStatus.read(ProcessHandle.current().pid()).orElseThrow();
        assertThat(self.stopped()).isFalse();
        assertThat(ProcStatus.read(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void pidFilesAreReadEachTimeAndBadContentIsNamed() throws Exception {
        Path pidFile = dir.resolve("svc.pid");
        PidSource source = PidSource.file(pidFile);
        assertThatThrownBy(source::resolve).hasMessageContaining("cannot read pid file " + pidFile);
        Files.writeString(pidFile, "1234\n");
        assertThat(source.resolve()).isEqualTo(1234);
        Files.writeString(pidFile, "4321");
        assertThat(source.resolve()).isEqualTo(4321);
        Files.writeString(pidFile, "banana");
        assertThatThrownBy(source::resolve).hasMessageContaining("holds \"banana\", not a process id");
        Files.writeString(pidFile, "1");
        assertThatThrownBy(source::resolve).hasMessageContaining("must be > 1");
        assertThatThrownBy(() -> PidSource.fixed(0)).hasMessageContaining("target pid 0 is not a service process id");
    }
}
