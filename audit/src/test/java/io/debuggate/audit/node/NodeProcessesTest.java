package io.debuggate.audit.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Recognising a node left behind by an earlier run, and not mistaking anything else for one. */
class NodeProcessesTest {

    @Test
    void recognisesTheRunningServerOfItsHomeOnly() {
        LocalElasticsearchNode shared = ElasticsearchTestNode.shared().node();
        long pid = shared.pid().orElseThrow();

        assertThat(new NodeProcesses(shared.config()).isOurServer(pid)).isTrue();
        assertThat(new NodeProcesses(LocalElasticsearchConfig.builder(Path.of("target/elsewhere")).build())
                .isOurServer(pid)).isFalse();
        assertThat(new NodeProcesses(shared.config()).isOurServer(ProcessHandle.current().pid())).isFalse();
    }

    @Test
    void aStalePidfileIsRemovedInsteadOfKillingAStranger() throws IOException {
        Path home = Files.createDirectories(Path.of("target/es-stale-pid").toAbsolutePath());
        Path pidFile = Files.createDirectories(home.resolve("logs")).resolve("elasticsearch.pid");
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        LocalElasticsearchConfig config = LocalElasticsearchConfig.builder(home).build();

        boolean adopted = new NodeProcesses(config).handleLeftover(NodeCredentialFile.loadOrCreate(home),
                java.net.URI.create("http://127.0.0.1:9"));

        assertThat(adopted).isFalse();
        assertThat(pidFile).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }
}
