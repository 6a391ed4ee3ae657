package io.debuggate.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.agent.testsupport.GoTestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the sources, deciding when to rebuild, and the errors a gateway turns into "demo disabled". */
class GoTestBedBuildTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void findsTheSourcesByWalkingUpFromAnyFolderOfTheRepository() {
        Path root = GoTestBed.repositoryRoot();
        assertThat(GoTestBedBuild.locateSources(null, root.resolve("agent/src/main")))
                .isEqualTo(root.resolve("deploy/testbed"));
        assertThat(GoTestBedBuild.locateSources(root.resolve("deploy/testbed"), dir)).isEqualTo(root.resolve("deploy/testbed"));
    }

    @Test
    void missingSourcesAreReportedWithTheFix() {
        assertThatThrownBy(() -> GoTestBedBuild.locateSources(null, dir)).isInstanceOf(DemoUnavailableException.class)
                .hasMessageContaining("deploy/testbed/main.go not found in " + dir)
                .hasMessageContaining("configure the test bed source directory");
        assertThatThrownBy(() -> GoTestBedBuild.locateSources(dir, dir)).isInstanceOf(DemoUnavailableException.class)
                .hasMessageContaining("\"" + dir + "\" holds no main.go");
    }

    @Test
    void rebuildsOnlyWhenAGoSourceIsNewerThanTheBinary() throws Exception {
        Path source = Files.createDirectories(dir.resolve("src"));
        Path main = write(source.resolve("main.go"), "package main\n", T0);
        Path binary = dir.resolve("out/testbed");
        assertThat(GoTestBedBuild.isStale(source, binary)).as("no binary yet").isTrue();

        write(binary, "binary", T0.plusSeconds(10));
        assertThat(GoTestBedBuild.isStale(source, binary)).isFalse();
        write(source.resolve("README.md"), "docs", T0.plusSeconds(20));
        assertThat(GoTestBedBuild.isStale(source, binary)).as("docs do not count").isFalse();
        Files.setLastModifiedTime(main, FileTime.from(T0.plusSeconds(30)));
        assertThat(GoTestBedBuild.isStale(source, binary)).isTrue();
        write(binary, "binary", T0.plusSeconds(40));
        write(source.resolve("go.mod"), "module x\n", T0.plusSeconds(50));
        assertThat(GoTestBedBuild.isStale(source, binary)).as("go.mod counts").isTrue();
    }

    @Test
    void anUpToDateBinaryIsReusedWithoutRunningGo() throws Exception {
        Path source = Files.createDirectories(dir.resolve("src"));
        write(source.resolve("main.go"), "this is not Go\n", T0);
        Path binary = write(dir.resolve("out/testbed"), "previous build", T0.plusSeconds(10));

        assertThat(GoTestBedBuild.build(source, dir.resolve("out"), Duration.ofMinutes(1))).isEqualTo(binary);
        assertThat(binary).hasContent("previous build");
    }

    @Test
    void aFailedBuildNamesTheCompilerErrorAndLeavesNoPartialBinary() throws Exception {
        Path source = Files.createDirectories(dir.resolve("src"));
        write(source.resolve("go.mod"), "module broken\n\ngo 1.19\n", T0);
        write(source.resolve("main.go"), "package main\n\nfunc main() { undefinedCall() }\n", T0);

        assertThatThrownBy(() -> GoTestBedBuild.build(source, dir.resolve("out"), Duration.ofMinutes(2)))
                .isInstanceOf(DemoUnavailableException.class)
                .hasMessageContaining("go build of " + source + " failed").hasMessageContaining("undefined: undefinedCall");
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("testbed"))).isEmpty();
        }
    }

    @Test
    void theTestsBinaryIsBuiltFromTheRepositorySourcesAndIsUpToDate() {
        Path binary = GoTestBed.binary();
        assertThat(GoTestBedBuild.isStale(GoTestBedBuild.locateSources(null), binary)).isFalse();
        assertThat(GoTestBedBuild.build(GoTestBedBuild.locateSources(null), binary.getParent(), Duration.ofSeconds(1)))
                .as("no rebuild, so even a 1 s timeout suffices").isEqualTo(binary);
    }

    @Test
    void aMissingToolNamesTheInstallCommand() {
        assertThatThrownBy(() -> Executables.require("debuggate-no-such-tool", "apt-get install -y no-such-tool"))
                .isInstanceOf(DemoUnavailableException.class)
                .hasMessageContaining("debuggate-no-such-tool not found on PATH")
                .hasMessageContaining("install it with `apt-get install -y no-such-tool`");
        assertThat(Executables.go()).isExecutable();
        assertThat(Executables.dlv()).isExecutable();
    }

    private static Path write(Path file, String content, Instant modified) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
