package io.debuggate.audit.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CanonicalJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void sortsKeysAtEveryLevelAndDropsWhitespace() {
        String canonical = canonical("{ \"b\": 1, \"a\": { \"z\": true, \"y\": [ {\"d\":null, \"c\":\"x\"} ] } }");

        assertThat(canonical).isEqualTo("{\"a\":{\"y\":[{\"c\":\"x\",\"d\":null}],\"z\":true},\"b\":1}");
    }

    @Test
    void writingWhatWasParsedGivesTheSameBytes() {
        // the verifier re-canonicalizes what Elasticsearch returns; this must be a fixed point
        for (String document : List.of(
                "{\"n\":[0,-1,9223372036854775807,18446744073709551616,1.5,0.1,1.0E10,-2.5E-8,3.0]}",
                "{\"s\":\"quote \\\" backslash \\\\ newline \\n tab \\t ctrl \\u0001 é 中文 😀\"}",
                "{\"@timestamp\":\"2026-01-01T00:00:00.000Z\",\"event\":{\"sequence\":42}}")) {
            String once = canonical(document);
            assertThat(canonical(once)).as(document).isEqualTo(once);
        }
    }

    @Test
    void numbersThatAreEqualAsDoublesGetOneForm() {
        assertThat(canonical("{\"x\":1.50}")).isEqualTo(canonical("{\"x\":1.5}"));
    }

    private static String canonical(String json) {
        return new String(CanonicalJson.bytes(JSON.readTree(json)), StandardCharsets.UTF_8);
    }
}
