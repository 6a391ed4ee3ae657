package io.debuggate.audit.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * Every way the local node can fail to start ends in a {@link LocalElasticsearchException} that
 * names the cause and the fix — never a client stack trace.
 */
class LocalElasticsearchFailureTest {

    /** A home of its own: the failures must not disturb the shared node. */
    private static final Path HOME = Path.of("target/es-failure-node").toAbsolutePath();

    private static LocalElasticsearchConfig.Builder config() {
        return LocalElasticsearchConfig.builder(HOME).httpPort(PortCheck.freePort()).transportPort(PortCheck.freePort())
                .shutdownHook(false);
    }

    private static void startAndClose(LocalElasticsearchConfig config) {
        try (LocalElasticsearchNode node = new LocalElasticsearchNode(config)) {
            node.start();
        }
    }

    @Test
    void aMissingDistributionNamesTheMavenCommandThatFetchesIt() {
        assertThatThrownBy(() -> startAndClose(config().version("0.0.1").build()))
                .isInstanceOf(LocalElasticsearchException.class)
                .hasMessageContaining("Elasticsearch 0.0.1 distribution not found")
                .hasMessageContaining("./mvnw dependency:get -Dartifact="
                        + "org.elasticsearch.distribution.integ-test-zip:elasticsearch:0.0.1:zip");
        assertThatThrownBy(() -> startAndClose(config().distributionZip(HOME.resolve("nope.zip")).build()))
                .isInstanceOf(LocalElasticsearchException.class)
                .hasMessageContaining("nope.zip does not exist");
    }

    @Test
    void aJdkOlderThan21IsRefusedWithTheFix() throws IOException {
        Path jdk17 = Files.createDirectories(Path.of("target/fake-jdk-17/bin")).getParent().toAbsolutePath();
        Path java = jdk17.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(jdk17.resolve("release"), "JAVA_VERSION=\"17.0.12\"\n");

        assertThatThrownBy(() -> startAndClose(config().javaHome(jdk17).build()))
                .isInstanceOf(LocalElasticsearchException.class)
                .hasMessageContaining("is Java 17, Elasticsearch 9 needs 21+")
                .hasMessageContaining("install a JDK 21+");
        assertThatThrownBy(() -> startAndClose(config().javaHome(HOME.resolve("no-jdk")).build()))
                .isInstanceOf(LocalElasticsearchException.class)
                .hasMessageContaining("has no executable bin/java");
    }

    @Test
    void aTakenPortIsNamed() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = squatter.getLocalPort();
            assertThatThrownBy(() -> startAndClose(config().httpPort(port).build()))
                    .isInstanceOf(LocalElasticsearchException.class)
                    .hasMessageContaining("port " + port + " on 127.0.0.1 is already in use")
                    .hasMessageContaining("configure another http port");
        }
    }

    @Test
    void tooLittleFreeDiskIsReportedAsDiskFull() {
        assertThatThrownBy(() -> startAndClose(config().minimumFreeDisk(Long.MAX_VALUE).build()))
                .isInstanceOf(LocalElasticsearchException.class)
                .hasMessageStartingWith("disk full: only")
                .hasMessageContaining("free space (df -h");
    }

    @Test
    void aHomeInUseByAnotherNodeIsRefused() {
        Path sharedHome = ElasticsearchTestNode.shared().node().config().home();

        assertThatThrownBy(() -> startAndClose(LocalElasticsearchConfig.builder(sharedHome)
                .httpPort(PortCheck.freePort()).transportPort(PortCheck.freePort()).build()))
                .isInstanceOf(LocalElasticsearchException.class)
                .hasMessageContaining("already runs the node in " + sharedHome);
    }

    @Test
    void aNodeThatDiesDuringStartUpIsReportedWithItsLog() throws IOException {
        Path broken = HOME.resolve("config/jvm.options.d/zz-broken.options");
        ElasticsearchDistribution.unpackOnce(ElasticsearchDistribution.locate(null,
                ElasticsearchDistribution.defaultVersion()), ElasticsearchDistribution.defaultVersion(), HOME);
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "-XX:+ThisOptionDoesNotExist\n");
        try {
            assertThatThrownBy(() -> startAndClose(config().build()))
                    .isInstanceOfSatisfying(LocalElasticsearchException.class, e -> {
                        assertThat(e.getMessage()).contains("Elasticsearch exited during start-up with code");
                        assertThat(e.logTail()).isNotEmpty();
                        assertThat(String.join("\n", e.logTail())).contains("ThisOptionDoesNotExist");
                    });
        } finally {
            Files.deleteIfExists(broken);
        }
    }

    @Test
    void aHomeTheUnprivilegedUserCannotReachIsExplained() throws IOException {
        Path locked = Files.createDirectories(Path.of("target/locked-parent").toAbsolutePath());
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        NodeAccount account = NodeAccount.forCurrentProcess(LocalElasticsearchConfig.DEFAULT_SYSTEM_USER);
        if (!account.switchesUser()) {
            // not root: Elasticsearch runs as this user, who owns the folder, so nothing to refuse
            assertThat(account.wrap(java.util.List.of("x"))).containsExactly("x");
            return;
        }
        assertThatThrownBy(() -> startAndClose(LocalElasticsearchConfig.builder(locked.resolve("es"))
                .httpPort(PortCheck.freePort()).transportPort(PortCheck.freePort()).shutdownHook(false).build()))
                .isInstanceOf(LocalElasticsearchException.class)
                .hasMessageContaining("user 'debuggate-es' cannot enter " + locked)
                .hasMessageContaining("chmod o+x " + locked);
    }
}
