package io.debuggate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.audit.node.LocalElasticsearchConfig;
import io.debuggate.audit.search.AuditQuery;
import io.debuggate.audit.shipper.ShipperConfig;
import io.debuggate.audit.spool.FsyncPolicy;
import io.debuggate.audit.spool.SpoolConfig;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.store.StoreCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad configuration is refused at once, quoting the value and naming the fix. */
class ConfigurationValidationTest {

    private static final Path DIR = Path.of("target/unused");

    @Test
    void localNode() {
        LocalElasticsearchConfig.Builder builder = LocalElasticsearchConfig.builder(DIR);
        assertThatThrownBy(() -> builder.httpPort(80)).hasMessageContaining("http port 80 is outside 1024..65535");
        assertThatThrownBy(() -> builder.heapMegabytes(64)).hasMessageContaining("heap of 64 MB");
        assertThatThrownBy(() -> builder.bindHost("0.0.0.0")).hasMessageContaining("bind host '0.0.0.0' is not loopback");
        assertThatThrownBy(() -> builder.systemUser("Root User")).hasMessageContaining("system user 'Root User'");
        assertThatThrownBy(() -> builder.version("9.x")).hasMessageContaining("version '9.x'");
        assertThatThrownBy(() -> builder.startTimeout(Duration.ZERO)).hasMessageContaining("start timeout PT0S");
        assertThatThrownBy(() -> LocalElasticsearchConfig.builder(DIR).httpPort(9200).transportPort(9200).build())
                .hasMessageContaining("http and transport port are both 9200");
        StoreCredentials same = new StoreCredentials("same", "password");
        assertThatThrownBy(() -> new LocalElasticsearchConfig.NodeCredentials(same, same, same))
                .hasMessageContaining("the writer must never hold admin rights");
    }

    @Test
    void credentialsAndConnections() {
        assertThatThrownBy(() -> new StoreCredentials("a:b", "password")).hasMessageContaining("'a:b'");
        assertThatThrownBy(() -> new StoreCredentials("writer", "123")).hasMessageContaining("shorter than 6");
        assertThatThrownBy(() -> StoreConnection.open(URI.create("ftp://host:21"), new StoreCredentials("w", "secret1")))
                .hasMessageContaining("'ftp://host:21' is not an http(s) URL");
        assertThatThrownBy(() -> StoreConnection.open(List.of(), new StoreCredentials("w", "secret1"), Duration.ofSeconds(1)))
                .hasMessageContaining("no Elasticsearch host given");
        org.assertj.core.api.Assertions.assertThat(new StoreCredentials("w", "top-secret").toString())
                .doesNotContain("top-secret");
    }

    @Test
    void spoolShipperAndTrail() {
        assertThatThrownBy(() -> SpoolConfig.defaults(DIR, "gw 1")).hasMessageContaining("instance id 'gw 1'");
        assertThatThrownBy(() -> new SpoolConfig(DIR, "gw", FsyncPolicy.BATCHED, Duration.ofSeconds(1), 100, 1 << 30))
                .hasMessageContaining("segment size 100 bytes");
        assertThatThrownBy(() -> new SpoolConfig(DIR, "gw", FsyncPolicy.BATCHED, Duration.ofSeconds(-1), 1 << 20, 1 << 30))
                .hasMessageContaining("fsync interval PT-1S");
        assertThatThrownBy(() -> new SpoolConfig(DIR, "gw", FsyncPolicy.BATCHED, Duration.ZERO, 1 << 20, 1 << 20))
                .hasMessageContaining("spool limit 1048576 bytes is below two segments");
        ShipperConfig shipper = ShipperConfig.defaults();
        assertThatThrownBy(() -> shipper.withIndexPrefix("Audit")).hasMessageContaining("index prefix 'Audit'");
        assertThatThrownBy(() -> shipper.withBatch(0, 1 << 20)).hasMessageContaining("bulk size 0 events");
        assertThatThrownBy(() -> shipper.withRetry(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("shorter than the first pause");
        assertThatThrownBy(() -> shipper.withParallelRequests(0)).hasMessageContaining("parallel requests 0");
        assertThatThrownBy(() -> shipper.withLinger(Duration.ofMillis(-1))).hasMessageContaining("linger PT-0.001S");
        assertThatThrownBy(() -> shipper.withLinger(Duration.ofMinutes(1))).hasMessageContaining("linger PT1M")
                .hasMessageContaining("hides fresh events");
        assertThat(shipper.withLinger(Duration.ZERO).linger()).isZero();
        assertThatThrownBy(() -> DurableAuditTrailConfig.builder("gw", DIR).maxStoreOutage(Duration.ofSeconds(-5)))
                .hasMessageContaining("maximum store outage PT-5S");
        assertThatThrownBy(() -> DurableAuditTrailConfig.builder("gw", DIR).headSigning(null, Duration.ZERO))
                .hasMessageContaining("head signing interval PT0S");
    }

    @Test
    void searchQuery() {
        assertThatThrownBy(() -> AuditQuery.builder().pageSize(5000).build()).hasMessageContaining("page size 5000");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> AuditQuery.builder().from(now).to(now).build())
                .hasMessageContaining("time range 2026-01-01T00:00:00Z .. 2026-01-01T00:00:00Z is empty");
    }
}
