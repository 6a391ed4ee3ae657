package io.debuggate.gateway.delve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.policies.masking.MaskingEngine;
import io.debuggate.policies.masking.MaskingPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class StreamingJsonMaskerTest {

    private static final MaskingEngine ENGINE = MaskingEngine.defaults(new byte[32]);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Masking as a tree walk would do it: an independent statement of what the byte copy must produce. */
    private static JsonNode oracle(JsonNode node) {
        if (node.isString()) {
            return NODES.stringNode(ENGINE.mask(node.asString()));
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(e -> out.add(oracle(e)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode value = e.getValue();
                out.set(ENGINE.mask(e.getKey()), !ENGINE.redactsField(e.getKey()) ? oracle(value)
                        : value.isNull() ? NODES.nullNode() : NODES.stringNode(MaskingPolicy.FIELD_REDACTION));
            }
            return out;
        }
        return node;
    }

    private static String copy(StreamingJsonMasker masker, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        masker.copyValue(bytes, 0, bytes.length, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theByteCopyMasksExactlyAsATreeWalkWouldOnThousandsOfRandomDocuments() {
        Random random = new Random(20261126);
        StreamingJsonMasker masker = new StreamingJsonMasker(ENGINE); // one masker: remembered keys must not change results
        for (int n = 0; n < 3000; n++) {
            ObjectNode document = NODES.objectNode();
            document.set("Goroutines", RandomJson.value(random, 0));
            document.set(RandomJson.key(random), RandomJson.value(random, 0));
            String masked = copy(masker, JSON.writeValueAsString(document));
            assertThat(JSON.readTree(masked)).as("document %d: %s", n, document).isEqualTo(oracle(document));
        }
    }

    @Test
    void bytesWithoutPersonalDataPassUnchangedIncludingGoEscapesAndWhitespace() {
        String fromDlv = "{\"Goroutines\": [{\"id\":1,\"file\":\"a\\u003cb\\u0026c.go\",\"pc\":18446744073709551615,"
                + "\"ok\":true,\"none\":null,\"f\":-1.5e3}],\n \"Nextg\":-1}";
        assertThat(copy(new StreamingJsonMasker(ENGINE), fromDlv)).isEqualTo(fromDlv);
    }

    @Test
    void personalDataBehindEscapesIsFoundAndRewritten() {
        String out = copy(new StreamingJsonMasker(ENGINE), "{\"a\":\"li.na\\u0040example.com\",\"b\":\"x\\\"13812345678\"}");
        assertThat(out).doesNotContain("li.na").doesNotContain("13812345678").contains("email#").contains("x\\\"tel#");
    }

    @Test
    void freeTextOutsideStringsOrAnUnterminatedStringIsRefused() {
        StreamingJsonMasker masker = new StreamingJsonMasker(ENGINE);
        assertThatThrownBy(() -> copy(masker, "{\"a\":li.na@example.com}")).isInstanceOf(FramingException.class)
                .hasMessageContaining("outside a string");
        assertThatThrownBy(() -> copy(masker, "{\"a\":\"open")).isInstanceOf(FramingException.class)
                .hasMessageContaining("unterminated");
        assertThatThrownBy(() -> copy(masker, "{\"a\":\"bad \\x escape\"}")).isInstanceOf(FramingException.class)
                .hasMessageContaining("unknown escape");
    }
}
