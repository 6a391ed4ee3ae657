package io.debuggate.audit.testsupport;

import io.debuggate.audit.node.LocalElasticsearchConfig;
import io.debuggate.audit.node.LocalElasticsearchException;
import io.debuggate.audit.node.LocalElasticsearchNode;
import io.debuggate.audit.node.PortCheck;
import io.debuggate.audit.store.AuditStoreResources;
import io.debuggate.audit.store.AuditStoreSetup;
import io.debuggate.audit.store.RoleInstallation;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.store.StoreCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONE real Elasticsearch node per test JVM, started on first use and stopped by a shutdown hook
 * (and by the node's watchdog if the JVM is killed). Shared through the audit test-jar with the
 * gateway's tests.
 *
 * <pre>{@code
 * ElasticsearchTestNode es = ElasticsearchTestNode.shared();
 * try (StoreConnection writer = es.connect(es.writer())) { ... }
 * }</pre>
 *
 * <p>Home: {@code -Ddebuggate.es.test.home=DIR}, else {@code target/es-test-node} of the module
 * being tested (the unpacked distribution and users are reused across runs). Ports are picked
 * free at start; a collision or a home locked by a parallel build moves to other ports or a
 * sibling home. A node left running by a crashed earlier run in the same home is stopped first.
 */
public final class ElasticsearchTestNode {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchTestNode.class);
    private static final int ATTEMPTS = 3;
    private static ElasticsearchTestNode shared;

    private final LocalElasticsearchNode node;
    private final StoreConnection admin;

    private ElasticsearchTestNode(LocalElasticsearchNode node) {
        this.node = node;
        this.admin = StoreConnection.open(node.httpUri(), node.credentials().admin());
        new AuditStoreSetup(admin, RoleInstallation.FILE).apply();
    }

    /** Starts the node on first call (about 15-40 s), then returns the same instance. */
    public static synchronized ElasticsearchTestNode shared() {
        if (shared == null) {
            shared = new ElasticsearchTestNode(startNode());
        }
        return shared;
    }

    private static LocalElasticsearchNode startNode() {
        Path base = Path.of(System.getProperty("debuggate.es.test.home", "target/es-test-node")).toAbsolutePath();
        LocalElasticsearchException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Path home = attempt == 1 ? base : base.resolveSibling(base.getFileName() + "-" + attempt);
            int http = PortCheck.freePort();
            int transport = PortCheck.freePort();
            while (transport == http) {
                transport = PortCheck.freePort();
            }
            LocalElasticsearchNode node = new LocalElasticsearchNode(LocalElasticsearchConfig.builder(home)
                    .httpPort(http).transportPort(transport).build());
            try {
                node.start();
                return node;
            } catch (LocalElasticsearchException e) {
                node.close();
                last = e;
                String message = String.valueOf(e.getMessage());
                boolean retryable = message.contains("already in use") || message.contains("another process of this product");
                log.warn("es.testnode start failed attempt={} home={} retryable={} cause={}", attempt, home, retryable,
                        message.lines().findFirst().orElse(""));
                if (!retryable) {
                    throw e;
                }
            }
        }
        throw last;
    }

    public LocalElasticsearchNode node() {
        return node;
    }

    public URI httpUri() {
        return node.httpUri();
    }

    public String httpUrl() {
        return node.httpUri().toString();
    }

    public StoreCredentials admin() {
        return node.credentials().admin();
    }

    public StoreCredentials writer() {
        return node.credentials().writer();
    }

    public StoreCredentials auditor() {
        return node.credentials().auditor();
    }

    /** A new connection as {@code identity}; the caller closes it. */
    public StoreConnection connect(StoreCredentials identity) {
        return StoreConnection.open(node.httpUri(), identity);
    }

    /** The shared admin connection (do not close). */
    public StoreConnection adminConnection() {
        return admin;
    }

    /** Makes everything shipped so far visible to search. */
    public void refresh() {
        try {
            admin.json("POST", "/" + AuditStoreResources.INDEX_PATTERN + "/_refresh?allow_no_indices=true", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of stored audit events of one instance. */
    public long count(String instance) {
        try {
            refresh();
            var query = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
            query.putObject("query").putObject("term").put("debuggate.chain.instance", instance);
            return admin.json("POST", "/" + AuditStoreResources.INDEX_PATTERN + "/_count", query).path("count")
                    .asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
