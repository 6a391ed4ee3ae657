package io.debuggate.audit.cli;

import static io.debuggate.audit.testsupport.AuditTestTrails.awaitShipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.store.AuditStoreResources;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.testsupport.AuditTestTrails;
import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyChainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return VerifyChain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void exitCodeTellsIntactFromBroken(@TempDir Path spool) throws Exception {
        ElasticsearchTestNode es = ElasticsearchTestNode.shared();
        String instance = AuditTestTrails.uniqueInstance("cli");
        try (StoreConnection writer = es.connect(es.writer());
                DurableAuditTrail trail = AuditTestTrails.open(instance, spool, writer)) {
            for (int i = 1; i <= 5; i++) {
                trail.record(AuditTestTrails.rpc("ivan", "s-cli", i));
            }
            awaitShipped(trail, Duration.ofSeconds(60));
        }
        es.refresh();
        String home = es.node().config().home().toString();

        assertThat(run("--url", es.httpUrl(), "--node-home", home, "--instance", instance)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("INTACT instance=" + instance).contains("events=5");

        String index = es.adminConnection().json("POST", "/" + AuditStoreResources.INDEX_PATTERN + "/_search?q=_id:"
                + instance + "-2", null).path("hits").path("hits").get(0).path("_index").asString();
        es.adminConnection().send("DELETE", "/" + index + "/_doc/" + instance + "-3?refresh=true", null, null);

        assertThat(run("--url", es.httpUrl(), "--node-home", home, "--instance", instance, "--to", "5")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("BROKEN").contains("at sequence 3 (MISSING)");
    }

    @Test
    void wrongUsageExplainsItself() {
        assertThat(run("--from", "1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--instance is required").contains("usage:");

        assertThat(run("--instance", "gw", "--to", "many")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--to 'many' is not a sequence number");

        assertThat(run("--instance", "gw", "--user", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no password");
    }
}
