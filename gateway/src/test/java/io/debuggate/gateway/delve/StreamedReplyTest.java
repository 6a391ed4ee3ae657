package io.debuggate.gateway.delve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.policies.masking.DelveVariableMasker;
import io.debuggate.policies.masking.MaskingEngine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class StreamedReplyTest {

    private static final MaskingEngine ENGINE = MaskingEngine.defaults(new byte[32]);
    private static final RpcCodec CODEC = new RpcCodec();
    private static final StreamingJsonMasker MASKER = new StreamingJsonMasker(ENGINE);

    @Test
    void aGoroutineListIsMaskedWhileStreamingAndGetsTheClientsIdBack() {
        String fromDlv = "{\"id\":41,\"result\":{\"Goroutines\":[{\"id\":19,\"currentLoc\":{\"pc\":13758215386640154880,"
                + "\"file\":\"/src/app/main.go\",\"line\":71,\"function\":{\"name\":\"main.handle\"}},"
                + "\"labels\":{\"customer_email\":\"li.na@example.com\",\"token\":\"s3cr3t\"}}],\"Nextg\":-1},\"error\":null}\n";
        byte[] bytes = fromDlv.getBytes(StandardCharsets.UTF_8);
        assertThat(CODEC.peekId(bytes)).isEqualTo(41);
        RpcCodec.StreamedReply reply = CODEC.streamReply(bytes, JsonNodeFactory.instance.stringNode("client-7"), MASKER,
                ENGINE::mask);
        String out = new String(reply.bytes(), StandardCharsets.UTF_8);
        assertThat(out).startsWith("{\"id\":\"client-7\",\"result\":{\"Goroutines\":[").endsWith("}\n");
        assertThat(out).doesNotContain("li.na@example.com").doesNotContain("s3cr3t").contains("email#")
                .contains("\"token\":\"[REDACTED]\"").contains("\"pc\":13758215386640154880").contains("\"error\":null");
        JsonNode tree = JsonMapper.builder().build().readTree(out);
        assertThat(tree.at("/result/Nextg").asInt()).isEqualTo(-1);
        assertThat(reply.error()).isNull();
    }

    @Test
    void errorsAreMaskedAndAReplyWithoutLeadingIdIsLeftToTheTreePath() {
        byte[] bytes = "{\"id\":3,\"result\":null,\"error\":\"could not find symbol 13812345678\"}"
                .getBytes(StandardCharsets.UTF_8);
        RpcCodec.StreamedReply reply = CODEC.streamReply(bytes, JsonNodeFactory.instance.numberNode(9), MASKER, ENGINE::mask);
        assertThat(reply.error()).doesNotContain("13812345678").contains("tel#");
        assertThat(new String(reply.bytes(), StandardCharsets.UTF_8)).startsWith("{\"id\":9,\"result\":null,\"error\":\"could not");
        assertThat(CODEC.peekId("{\"result\":null,\"id\":3}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(CODEC.peekId("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    /**
     * Replies are framed at Go's newline ({@link EncoderLineSplitter}), which trusts nothing: a reply
     * cut in the wrong place (not possible from Go's encoder) is refused here.
     */
    @Test
    void aReplyThatDoesNotEndWhereItsObjectClosesIsRefused() {
        for (String cut : List.of("{\"id\":3,\"result\":{\"Goroutines\":[{\"id\":1}", "{\"id\":3,\"result\":null",
                "{\"id\":3,\"result\":null,\"error\":null}{\"id\":4,\"result\":null,\"error\":null}")) {
            assertThatThrownBy(() -> CODEC.streamReply(cut.getBytes(StandardCharsets.UTF_8),
                    JsonNodeFactory.instance.numberNode(1), MASKER, ENGINE::mask))
                    .as(cut).isInstanceOf(FramingException.class);
        }
    }

    @Test
    void keysAreJudgedAgainOnEveryOccurrenceWhenTheyHoldPersonalDataAndRememberedOnlyWhenPlain() {
        StreamingJsonMasker masker = new StreamingJsonMasker(ENGINE); // a fresh one: nothing remembered yet
        String labels = "{\"13812345678\":\"a\",\"token\":\"t1\",\"user\":\"li.na@example.com\"}";
        String fromDlv = "{\"id\":1,\"result\":{\"Goroutines\":[{\"labels\":" + labels + "},{\"labels\":" + labels
                + "},{\"labels\":" + labels + "}]},\"error\":null}";
        String out = new String(CODEC.streamReply(fromDlv.getBytes(StandardCharsets.UTF_8),
                JsonNodeFactory.instance.numberNode(1), masker, ENGINE::mask).bytes(), StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("13812345678").doesNotContain("t1").doesNotContain("li.na@example.com");
        JsonNode goroutines = JsonMapper.builder().build().readTree(out).at("/result/Goroutines");
        for (JsonNode g : goroutines) {
            assertThat(g.at("/labels/token").asString()).isEqualTo("[REDACTED]");
            assertThat(g.at("/labels/user").asString()).startsWith("email#");
            assertThat(g.get("labels").propertyNames()).hasSize(3).noneMatch(k -> k.contains("13812345678"));
        }
    }

    @Test
    void scalarResultsEndWhereTheyEndAndAreMaskedToo() {
        for (String[] c : new String[][] {
                {"{\"id\":1,\"result\":42,\"error\":null}", "{\"id\":5,\"result\":42,\"error\":null}\n"},
                {"{\"id\":1,\"result\":true}", "{\"id\":5,\"result\":true,\"error\":null}\n"},
                {"{\"id\":1, \"result\" : -1.5e3 }", "{\"id\":5,\"result\":-1.5e3,\"error\":null}\n"},
                {"{\"id\":1,\"error\":null,\"result\":[1,2]}", "{\"id\":5,\"result\":[1,2],\"error\":null}\n"}}) {
            byte[] bytes = c[0].getBytes(StandardCharsets.UTF_8);
            assertThat(new String(CODEC.streamReply(bytes, JsonNodeFactory.instance.numberNode(5), MASKER, ENGINE::mask).bytes(),
                    StandardCharsets.UTF_8)).as(c[0]).isEqualTo(c[1]);
        }
        byte[] text = "{\"id\":1,\"result\":\"li.na@example.com\"}".getBytes(StandardCharsets.UTF_8);
        String out = new String(CODEC.streamReply(text, JsonNodeFactory.instance.numberNode(5), MASKER, ENGINE::mask).bytes(),
                StandardCharsets.UTF_8);
        assertThat(out).startsWith("{\"id\":5,\"result\":\"email#").endsWith("\",\"error\":null}\n");
    }

    @Test
    void aStateWithoutVariablesComesOutOfTheByteCopyAsTheTreeMaskingWouldHaveIt() {
        String result = "{\"State\":{\"Running\":false,\"currentThread\":{\"id\":123,\"pc\":4599325,\"file\":\"/src/app/main.go\","
                + "\"line\":71,\"function\":{\"name\":\"main.handle\",\"value\":4599100,\"optimized\":false},\"goroutineID\":19,"
                + "\"breakPoint\":{\"id\":1,\"addrs\":[4599325],\"Cond\":\"email == \\\"li.na@example.com\\\"\",\"hitCount\":{\"19\":1},"
                + "\"password\":\"hunter2\"},\"breakPointInfo\":null,\"ReturnValues\":null},\"Threads\":[],\"exited\":false,"
                + "\"exitStatus\":0,\"When\":\"call 13812345678\"}}";
        byte[] reply = ("{\"id\":7,\"result\":" + result + ",\"error\":null}").getBytes(StandardCharsets.UTF_8);
        assertThat(RpcCodec.mayHoldVariables(reply)).isFalse();

        JsonMapper json = JsonMapper.builder().build();
        JsonNode streamed = json.readTree(CODEC.streamReply(reply, JsonNodeFactory.instance.numberNode(7), MASKER, ENGINE::mask).bytes())
                .get("result");
        JsonNode tree = new DelveVariableMasker(ENGINE).maskTree(json.readTree(result));
        assertThat(streamed).isEqualTo(tree);
        assertThat(streamed.toString()).doesNotContain("li.na@example.com").doesNotContain("13812345678").doesNotContain("hunter2");
    }

    @Test
    void aReplyThatMayHoldVariablesIsLeftToTheTreePath() {
        String withVariable = "{\"id\":7,\"result\":{\"State\":{\"currentThread\":{\"ReturnValues\":[{\"name\":\"~r0\","
                + "\"kind\":24,\"value\":\"alice\",\"len\":17,\"children\":[]}]}}},\"error\":null}";
        assertThat(RpcCodec.mayHoldVariables(withVariable.getBytes(StandardCharsets.UTF_8))).isTrue();
        String escaped = "{\"id\":7,\"result\":{\"x\":\"a\\u003cb\"},\"error\":null}";
        assertThat(RpcCodec.mayHoldVariables(escaped.getBytes(StandardCharsets.UTF_8))).as("an escape could spell the key").isTrue();
    }
}
