package io.debuggate.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.audit.testsupport.ElasticsearchTestNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The writer identity, against the real node: it can append and nothing else. */
class AppendOnlyWriterTest {

    private static ElasticsearchTestNode es;
    private static final String INDEX = "debuggate-audit-2000.01";

    @BeforeAll
    static void node() {
        es = ElasticsearchTestNode.shared();
    }

    private static byte[] doc(String id, String reason) {
        return ("{\"@timestamp\":\"2000-01-01T00:00:00.000Z\",\"event\":{\"id\":\"" + id
                + "\",\"action\":\"dlv.rpc\",\"outcome\":\"success\",\"sequence\":1},\"user\":{\"name\":\"alice\"},"
                + "\"debuggate\":{\"reason\":\"" + reason + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theWriterCanCreateButNeverOverwriteUpdateOrDelete() throws IOException {
        String id = "perm-" + UUID.randomUUID();
        try (StoreConnection writer = es.connect(es.writer())) {
            assertThat(writer.send("PUT", "/" + INDEX + "/_create/" + id, doc(id, "original"), null).status())
                    .as("create with an explicit id").isEqualTo(201);
            assertThat(writer.send("PUT", "/" + INDEX + "/_create/" + id, doc(id, "second"), null).status())
                    .as("second create of the same id").isEqualTo(409);
            assertThat(writer.send("PUT", "/" + INDEX + "/_doc/" + id, doc(id, "overwritten"), null).status())
                    .as("index (overwrite)").isEqualTo(403);
            assertThat(writer.send("POST", "/" + INDEX + "/_update/" + id,
                    "{\"doc\":{\"debuggate\":{\"reason\":\"updated\"}}}".getBytes(StandardCharsets.UTF_8), null).status())
                    .as("update").isEqualTo(403);
            assertThat(writer.send("DELETE", "/" + INDEX + "/_doc/" + id, null, null).status())
                    .as("delete").isEqualTo(403);
            assertThat(writer.send("DELETE", "/" + INDEX, null, null).status())
                    .as("delete index").isEqualTo(403);
            assertThat(writer.send("PUT", "/debuggate-audit-writer-made", null, null).status())
                    .as("create an index with its own mappings").isEqualTo(403);
            String bulk = "{\"index\":{\"_index\":\"" + INDEX + "\",\"_id\":\"" + id + "\"}}\n"
                    + new String(doc(id, "bulk overwrite"), StandardCharsets.UTF_8) + "\n";
            assertThat(writer.send("POST", "/_bulk", bulk.getBytes(StandardCharsets.UTF_8), StoreConnection.NDJSON)
                    .bodyText()).as("bulk index op").contains("\"status\":403");
        }
        es.refresh();
        String stored = es.adminConnection().send("GET", "/" + INDEX + "/_doc/" + id, null, null).bodyText();
        assertThat(stored).contains("original").doesNotContain("overwritten", "updated", "second", "bulk overwrite");
    }

    @Test
    void theWriterPassesTheAppendOnlyCheckAndOtherIdentitiesDoNot() {
        try (StoreConnection writer = es.connect(es.writer());
                StoreConnection auditor = es.connect(es.auditor())) {
            AuditStoreSetup.verifyAppendOnly(writer);
            assertThatThrownBy(() -> AuditStoreSetup.verifyAppendOnly(es.adminConnection()))
                    .isInstanceOf(AuditStoreSetupException.class)
                    .hasMessageContaining("holds the privilege 'index'")
                    .hasMessageContaining("could rewrite history");
            assertThatThrownBy(() -> AuditStoreSetup.verifyAppendOnly(auditor))
                    .isInstanceOf(AuditStoreSetupException.class)
                    .hasMessageContaining("may not create documents");
        }
    }

    @Test
    void setUpIsIdempotentAndExplainsWhyApiRolesFailOnTheTestDistribution() {
        new AuditStoreSetup(es.adminConnection(), RoleInstallation.FILE).apply();
        new AuditStoreSetup(es.adminConnection(), RoleInstallation.FILE).apply();

        assertThatThrownBy(() -> new AuditStoreSetup(es.adminConnection(), RoleInstallation.API).apply())
                .isInstanceOf(AuditStoreSetupException.class)
                .hasMessageContaining("RoleInstallation.FILE");
    }

    @Test
    void setUpWithAWrongPasswordSaysSo() {
        try (StoreConnection wrong = es.connect(new StoreCredentials(es.admin().username(), "not-the-password"))) {
            assertThatThrownBy(() -> new AuditStoreSetup(wrong, RoleInstallation.FILE).apply())
                    .isInstanceOf(AuditStoreSetupException.class)
                    .hasMessageContaining("rejects the admin user 'debuggate_admin' (401)");
        }
    }

    @Test
    void strictMappingRefusesUnknownFields() throws IOException {
        try (StoreConnection writer = es.connect(es.writer())) {
            StoreResponse response = writer.send("PUT", "/" + INDEX + "/_create/strict-" + UUID.randomUUID(),
                    "{\"surprise\":1}".getBytes(StandardCharsets.UTF_8), null);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.bodyText()).contains("strict_dynamic_mapping_exception");
        }
    }
}
