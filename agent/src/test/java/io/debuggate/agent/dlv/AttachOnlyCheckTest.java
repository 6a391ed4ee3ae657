package io.debuggate.agent.dlv;

import static io.debuggate.agent.testsupport.FakeDlv.error;
import static io.debuggate.agent.testsupport.FakeDlv.method;
import static io.debuggate.agent.testsupport.FakeDlv.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.agent.target.PidSource;
import io.debuggate.agent.testsupport.FakeDlv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attach-only as asked of dlv: a dlv that launched its process (or cannot say) is refused and
 * stopped. Real dlv never launches under the agent, so a scripted one plays that part; the real
 * attach answering true is asserted in {@code TeardownMatrixTest}.
 */
class AttachOnlyCheckTest {

    @TempDir
    Path dir;

    @Test
    void onlyATrueAnswerPasses() throws Exception {
        try (FakeDlv attached = FakeDlv.start(request -> result(request, "{\"Answer\":true}"))) {
            assertThatCode(() -> AttachOnlyCheck.require(attached.address(), 4242)).doesNotThrowAnyException();
        }
        try (FakeDlv launched = FakeDlv.start(request -> result(request, "{\"Answer\":false}"))) {
            assertThatThrownBy(() -> AttachOnlyCheck.require(launched.address(), 4242))
                    .isInstanceOf(DlvStartException.class)
                    .hasMessageContaining("AttachedToExistingProcess=false")
                    .hasMessageContaining("every Detach or SIGTERM would kill that process");
        }
        try (FakeDlv confused = FakeDlv.start(request -> error(request, "unknown method: RPCServer.AttachedToExistingProcess"))) {
            assertThatThrownBy(() -> AttachOnlyCheck.require(confused.address(), 4242))
                    .isInstanceOf(DlvStartException.class).hasMessageContaining("cannot confirm that dlv")
                    .hasMessageContaining("unknown method");
        }
    }

    /** The supervisor path: a "dlv" executable that serves but says it launched the process is stopped and refused. */
    @Test
    void theSupervisorStopsAndRefusesADlvThatLaunchedItsProcess() throws Exception {
        Path fakeDlv = dir.resolve("dlv");
        Files.writeString(fakeDlv, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' '" + LaunchingDlv.class.getName() + "' \"$@\"\n");
        Files.setPosixFilePermissions(fakeDlv, PosixFilePermissions.fromString("rwx------"));
        Process service = new ProcessBuilder("sleep", "60").start();
        try (DlvSupervisor supervisor = new DlvSupervisor(new DlvSettings(fakeDlv, Duration.ofSeconds(30), Duration.ofSeconds(10)),
                PidSource.fixed(service.pid()), BeforeDlvStop.NOTHING, Clock.systemUTC())) {
            assertThatThrownBy(supervisor::ensureAttached).isInstanceOf(DlvStartException.class)
                    .hasMessageContaining("AttachedToExistingProcess=false");
            assertThat(supervisor.current()).isEmpty();
            assertThat(ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
                    .contains(LaunchingDlv.class.getName())).filter(ProcessHandle::isAlive).toList())
                    .as("the refused dlv got SIGTERM and exited").isEmpty();
        } finally {
            service.destroy();
            service.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Stands in for a dlv that launched its target: serves the API and says so. Exits on SIGTERM. */
    public static final class LaunchingDlv {
        public static void main(String[] args) throws Exception {
            FakeDlv dlv = FakeDlv.start(request -> method(request).equals("AttachedToExistingProcess")
                    ? result(request, "{\"Answer\":false}") : result(request, "{}"));
            System.out.println("API server listening at: 127.0.0.1:" + dlv.address().getPort());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(2));
        }
    }
}
