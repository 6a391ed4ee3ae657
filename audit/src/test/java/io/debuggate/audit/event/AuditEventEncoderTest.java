package io.debuggate.audit.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class AuditEventEncoderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant WHEN = Instant.parse("2026-11-26T08:00:00.123456Z");
    private final AuditEventEncoder encoder = new AuditEventEncoder("gw-a");

    private final AuditRecord record = AuditRecord.of(AuditActions.DLV_RPC, AuditOutcome.DENIED, "alice")
            .session("s-1").target("payment-svc/demo-0").request("r-9").reason("look at the leak").trace("t-77")
            .detail("method", "RPCServer.Command").detail("args", Map.of("name", "continue", "n", 3))
            .detail("list", List.of(1, "two", true))
            .build();

    @Test
    void writesEcsFieldsAndOurs() {
        JsonNode doc = JSON.readTree(encoder.encode(record, 7, ChainHash.GENESIS, WHEN).payload());

        assertThat(doc.path("@timestamp").asString()).isEqualTo("2026-11-26T08:00:00.123Z");
        assertThat(doc.path("event").path("id").asString()).isEqualTo("gw-a-7");
        assertThat(doc.path("event").path("action").asString()).isEqualTo("dlv.rpc");
        assertThat(doc.path("event").path("outcome").asString()).isEqualTo("denied");
        assertThat(doc.path("event").path("sequence").asLong()).isEqualTo(7);
        assertThat(doc.path("user").path("name").asString()).isEqualTo("alice");
        assertThat(doc.path("trace").path("id").asString()).isEqualTo("t-77");
        JsonNode ours = doc.path("debuggate");
        assertThat(ours.path("session").asString()).isEqualTo("s-1");
        assertThat(ours.path("target").asString()).isEqualTo("payment-svc/demo-0");
        assertThat(ours.path("request").asString()).isEqualTo("r-9");
        assertThat(ours.path("reason").asString()).isEqualTo("look at the leak");
        assertThat(ours.path("details").path("args").path("n").asLong()).isEqualTo(3);
        assertThat(ours.path("chain").path("instance").asString()).isEqualTo("gw-a");
        assertThat(ours.path("chain").path("prev").asString()).isEqualTo(ChainHash.GENESIS);
        assertThat(doc.path("message").asString()).contains("dlv.rpc denied user=alice", "look at the leak",
                "method=RPCServer.Command");
    }

    @Test
    void hashCoversEverythingButItself() {
        EncodedEvent event = encoder.encode(record, 7, ChainHash.GENESIS, WHEN);
        ObjectNode doc = (ObjectNode) JSON.readTree(event.payload());

        assertThat(AuditEventEncoder.expectedHash(doc)).isEqualTo(event.hash());
        assertThat(doc.path("debuggate").path("chain").path("hash").asString()).isEqualTo(event.hash());

        ((ObjectNode) doc.get("debuggate")).put("reason", "look at something else");
        assertThat(AuditEventEncoder.expectedHash(doc)).isNotEqualTo(event.hash());
    }

    @Test
    void theSameEventAtAnotherPlaceOrAfterAnotherPredecessorHashesDifferently() {
        String base = encoder.encode(record, 7, ChainHash.GENESIS, WHEN).hash();

        assertThat(encoder.encode(record, 8, ChainHash.GENESIS, WHEN).hash()).isNotEqualTo(base);
        assertThat(encoder.encode(record, 7, "1".repeat(64), WHEN).hash()).isNotEqualTo(base);
        assertThat(new AuditEventEncoder("gw-b").encode(record, 7, ChainHash.GENESIS, WHEN).hash()).isNotEqualTo(base);
        assertThat(encoder.encode(record, 7, ChainHash.GENESIS, WHEN).hash()).isEqualTo(base);
    }
}
