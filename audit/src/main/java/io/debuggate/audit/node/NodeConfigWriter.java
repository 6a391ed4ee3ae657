package io.debuggate.audit.node;

import io.debuggate.audit.store.AuditStoreResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the node's configuration before every start. Security settings are always explicit, so
 * Elasticsearch never runs its TLS auto-configuration (which it would do on a first start
 * without them).
 */
final class NodeConfigWriter {

    private NodeConfigWriter() {
    }

    static void write(LocalElasticsearchConfig config) {
        Path home = config.home();
        try {
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("logs"));
            Files.createDirectories(home.resolve("tmp"));
            Files.createDirectories(home.resolve("config/jvm.options.d"));
            Files.writeString(home.resolve("config/elasticsearch.yml"), elasticsearchYml(config));
            Files.writeString(home.resolve("config/jvm.options.d/debuggate.options"), jvmOptions(config));
            Files.writeString(home.resolve("config/roles.yml"), AuditStoreResources.rolesYaml());
        } catch (IOException e) {
            throw new LocalElasticsearchException(DiskTrouble.describe(e, "writing the configuration under " + home), e);
        }
    }

    static String elasticsearchYml(LocalElasticsearchConfig config) {
        Path home = config.home();
        return """
                # Written by debuggate before every start; edits here are overwritten.
                cluster.name: %s
                node.name: debuggate-local
                path.data: "%s"
                path.logs: "%s"
                network.host: %s
                http.port: %d
                transport.port: %d
                discovery.type: single-node
                xpack.security.enabled: true
                xpack.security.http.ssl.enabled: false
                xpack.security.transport.ssl.enabled: false
                xpack.security.enrollment.enabled: false
                action.destructive_requires_name: true
                """.formatted(config.clusterName(), home.resolve("data"), home.resolve("logs"), config.bindHost(),
                config.httpPort(), config.transportPort());
    }

    static String jvmOptions(LocalElasticsearchConfig config) {
        int heap = config.heapMegabytes();
        return """
                # Written by debuggate: small fixed heap, JVM logs in logs/ instead of the distribution folder.
                -Xms%dm
                -Xmx%dm
                -Xlog:disable
                -Xlog:all=warning:stderr:utctime,level,tags
                -XX:HeapDumpPath=logs
                -XX:ErrorFile=logs/hs_err_pid%%p.log
                """.formatted(heap, heap);
    }
}
