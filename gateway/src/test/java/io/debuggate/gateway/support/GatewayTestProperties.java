package io.debuggate.gateway.support;

import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test gateway at the shared real Elasticsearch test node (one per JVM), a fresh home
 * folder and a fresh in-memory H2, with the demo target on free ports.
 */
public final class GatewayTestProperties {

    private GatewayTestProperties() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        register(registry, Map.of());
    }

    /** As {@link #register(DynamicPropertyRegistry)}, with some of its values replaced. */
    public static void register(DynamicPropertyRegistry target, Map<String, String> overrides) {
        DynamicPropertyRegistry registry = (name, value) -> target.add(name,
                overrides.containsKey(name) ? () -> overrides.get(name) : value);
        ElasticsearchTestNode es = ElasticsearchTestNode.shared();
        Path home;
        try {
            home = Files.createDirectories(Path.of("target/test-homes", UUID.randomUUID().toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        registry.add("debuggate.home", () -> home.toAbsolutePath().toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("debuggate.audit.embedded", () -> "false");
        registry.add("debuggate.audit.urls", es::httpUrl);
        registry.add("debuggate.audit.role-installation", () -> "FILE");
        registry.add("debuggate.audit.instance", () -> "test-" + UUID.randomUUID().toString().substring(0, 8));
        registry.add("debuggate.audit.external.admin-user", () -> es.admin().username());
        registry.add("debuggate.audit.external.admin-password", () -> es.admin().password());
        registry.add("debuggate.audit.external.writer-user", () -> es.writer().username());
        registry.add("debuggate.audit.external.writer-password", () -> es.writer().password());
        registry.add("debuggate.audit.external.auditor-user", () -> es.auditor().username());
        registry.add("debuggate.audit.external.auditor-password", () -> es.auditor().password());
        registry.add("debuggate.demo.agent-port", () -> "0");
        registry.add("debuggate.demo.relay-port", () -> "0");
        registry.add("debuggate.demo.test-bed-port", () -> "0");
        registry.add("debuggate.demo.test-bed-pprof-port", () -> "0");
    }
}
