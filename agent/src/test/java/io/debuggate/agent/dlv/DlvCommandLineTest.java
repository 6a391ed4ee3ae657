package io.debuggate.agent.dlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DlvCommandLineTest {

    @Test
    void theOnlyCommandLineIsAHeadlessMulticlientAttachOnLoopback() {
        assertThat(DlvCommandLine.attach(Path.of("/usr/bin/dlv"), 4242).argv()).containsExactly("/usr/bin/dlv", "attach",
                "4242", "--headless", "--accept-multiclient", "--api-version=2", "--listen=127.0.0.1:0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exec", "debug", "test", "core", "replay", "dap", "trace", "connect"})
    void launchingSubcommandsAreRefused(String subcommand) {
        assertThatThrownBy(() -> new DlvCommandLine(List.of("dlv", subcommand, "./testbed", "--headless",
                "--accept-multiclient", "--api-version=2", "--listen=127.0.0.1:0")))
                .hasMessageContaining("dlv subcommand \"" + subcommand + "\" refused")
                .hasMessageContaining("killed when dlv detaches");
    }

    @Test
    void nonLoopbackListenersMissingFlagsAndBadPidsAreRefused() {
        assertThatThrownBy(() -> new DlvCommandLine(List.of("dlv", "attach", "42", "--headless", "--accept-multiclient",
                "--api-version=2", "--listen=0.0.0.0:2345"))).hasMessageContaining("loopback only");
        assertThatThrownBy(() -> new DlvCommandLine(List.of("dlv", "attach", "42", "--headless", "--api-version=2",
                "--listen=127.0.0.1:0"))).hasMessageContaining("lacks --accept-multiclient");
        assertThatThrownBy(() -> new DlvCommandLine(List.of("dlv", "attach", "-1", "--headless")))
                .hasMessageContaining("numeric pid, got \"-1\"");
        assertThatThrownBy(() -> new DlvCommandLine(List.of("dlv"))).hasMessageContaining("too short");
    }

    @Test
    void missingDlvExecutableNamesTheInstallCommand() {
        assertThatThrownBy(() -> DlvSettings.of(Path.of("/nonexistent/dlv")))
                .hasMessageContaining("\"/nonexistent/dlv\"").hasMessageContaining("apt-get install -y delve");
    }
}
