package io.debuggate.gateway.delve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.policies.masking.MaskingEngine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reply masked in parts as it arrives must come out byte for byte as the whole reply does, and be
 * refused where the whole reply is: whatever the cuts, a string, a key, an escape, a redacted value
 * or a UTF-8 sequence split between two reads included.
 */
class ArrivingReplyTest {

    private static final MaskingEngine ENGINE = MaskingEngine.defaults(new byte[32]);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode CLIENT_ID = JsonNodeFactory.instance.stringNode("client-7");

    /** What the reply relay makes of the whole reply, or the refusal. */
    private record Outcome(byte @Nullable [] bytes, @Nullable String error, boolean refused) {

        static Outcome of(ByteArrayOutputStream out, @Nullable String error) {
            return new Outcome(out.toByteArray(), error, false);
        }

        static Outcome refusal() {
            return new Outcome(null, null, true);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && refused == other.refused && Arrays.equals(bytes, other.bytes)
                    && java.util.Objects.equals(error, other.error);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return refused ? "refused" : new String(bytes, StandardCharsets.UTF_8) + " error=" + error;
        }
    }

    private static Outcome whole(byte[] reply) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            return Outcome.of(out, new RpcCodec().streamReply(reply, CLIENT_ID, new StreamingJsonMasker(ENGINE), ENGINE::mask, out));
        } catch (FramingException e) {
            return Outcome.refusal();
        }
    }

    /** Fed from the result's start in random cuts, some empty, some of one byte. */
    private static Outcome inParts(byte[] reply, Random random) {
        ArrivingReply.Head head = ArrivingReply.Head.read(reply, reply.length);
        assertThat(head).as("Go's spelling").isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ArrivingReply arriving = new ArrivingReply(CLIENT_ID, new StreamingJsonMasker(ENGINE), ENGINE::mask, out);
            int at = head.resultStart();
            while (at < reply.length) {
                int cut = random.nextInt(4) == 0 ? random.nextInt(3) : 1 + random.nextInt(Math.max(1, reply.length / 4));
                cut = Math.min(cut, reply.length - at);
                arriving.feed(reply, at, cut);
                at += cut;
            }
            return Outcome.of(out, arriving.finish());
        } catch (FramingException e) {
            return Outcome.refusal();
        }
    }

    private static byte[] reply(Random random, JsonNode result) {
        String error = switch (random.nextInt(4)) {
            case 0 -> "\"could not find symbol 13812345678\"";
            case 1 -> "null,\"extra\":{\"x\":[1,\"li.na@example.com\"]}";
            default -> "null";
        };
        String body = random.nextBoolean() ? JSON.writeValueAsString(result)
                : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result); // whitespace before ':' and inside
        return ("{\"id\":" + random.nextInt(1000) + ",\"result\":" + body + ",\"error\":" + error + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode randomResult(Random random) {
        if (random.nextInt(10) == 0) {
            return RandomJson.value(random, 5); // a top-level string, number or literal
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("Goroutines", RandomJson.value(random, 0));
        result.set(RandomJson.key(random), RandomJson.value(random, 0));
        return result;
    }

    @Test
    void inPartsTheReplyIsByteForByteTheWholeReplyOnThousandsOfRandomRepliesAndCuts() {
        Random random = new Random(20261127);
        int masked = 0;
        for (int n = 0; n < 4000; n++) {
            byte[] reply = reply(random, randomResult(random));
            Outcome expected = whole(reply);
            assertThat(expected.refused()).as("a well-formed reply is taken: %s", new String(reply, StandardCharsets.UTF_8)).isFalse();
            for (int cuts = 0; cuts < 3; cuts++) {
                assertThat(inParts(reply, random)).as("reply %d: %s", n, new String(reply, StandardCharsets.UTF_8))
                        .isEqualTo(expected);
            }
            if (!Arrays.equals(expected.bytes(), reply)) {
                masked++;
            }
        }
        assertThat(masked).as("the random replies carry personal data to mask").isGreaterThan(1000);
    }

    @Test
    void aDamagedReplyIsRefusedInPartsExactlyWhereItIsRefusedWhole() {
        Random random = new Random(42);
        byte[] damage = "\"\\{}[],:x@ \n0".getBytes(StandardCharsets.UTF_8);
        int refused = 0;
        for (int n = 0; n < 4000; n++) {
            byte[] reply = reply(random, randomResult(random));
            int headEnd = ArrivingReply.Head.read(reply, reply.length).resultStart();
            byte[] damaged;
            if (random.nextBoolean()) {
                damaged = Arrays.copyOf(reply, headEnd + 1 + random.nextInt(reply.length - headEnd - 1)); // cut short
            } else {
                damaged = reply.clone();
                damaged[headEnd + random.nextInt(reply.length - headEnd)] = damage[random.nextInt(damage.length)];
            }
            Outcome expected = whole(damaged);
            if (expected.refused()) {
                refused++;
            }
            assertThat(inParts(damaged, random)).as("damaged reply %d: %s", n, new String(damaged, StandardCharsets.UTF_8))
                    .isEqualTo(expected);
        }
        assertThat(refused).as("most damage is refused").isGreaterThan(2000);
    }

    @Test
    void aLongStringArrivingInTinyReadsIsScannedAFewTimesNotOncePerRead() {
        String text = "x".repeat(1 << 20) + " li.na@example.com";
        byte[] reply = ("{\"id\":1,\"result\":{\"Name\":\"" + text + "\"},\"error\":null}").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArrivingReply arriving = new ArrivingReply(CLIENT_ID, new StreamingJsonMasker(ENGINE), ENGINE::mask, out);
        int start = ArrivingReply.Head.read(reply, reply.length).resultStart();
        for (int at = start; at < reply.length; at += 16) { // 65 000 reads: once per read would scan 34 GB
            arriving.feed(reply, at, Math.min(16, reply.length - at));
        }
        assertThat(arriving.finish()).isNull();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("li.na@example.com").contains("email#")
                .isEqualTo(new String(whole(reply).bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void onlyGosOwnSpellingOfTheStartIsTakenEarly() {
        assertThat(head("{\"id\":12,\"result\":{\"a\":1")).isEqualTo(new ArrivingReply.Head(12, 18));
        assertThat(head("{\"id\":12,\"result\":  [")).isEqualTo(new ArrivingReply.Head(12, 20));
        for (String other : new String[] {"{\"id\":12,\"error\":null,\"result\":{", "{\"result\":{},\"id\":1",
                "{ \"id\":1,\"result\":{", "{\"id\":\"1\",\"result\":{", "{\"id\":1,\"Result\":{", "{\"id\":1}",
                "{\"id\":1,\"result\":", "{\"id\":1,\"res", "{\"id\":01,\"result\":{"}) {
            assertThat(head(other)).as(other).isNull();
        }
    }

    @Test
    void aResultThatDoesNotEndWhenTheReplyDoesIsRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArrivingReply arriving = new ArrivingReply(CLIENT_ID, new StreamingJsonMasker(ENGINE), ENGINE::mask, out);
        byte[] part = "{\"Goroutines\":[{\"id\":1,\"file\":\"a.go\"}".getBytes(StandardCharsets.UTF_8);
        arriving.feed(part, 0, part.length);
        assertThatThrownBy(arriving::finish).isInstanceOf(FramingException.class).hasMessageContaining("ends inside");
    }

    private static ArrivingReply.@Nullable Head head(String start) {
        byte[] bytes = start.getBytes(StandardCharsets.UTF_8);
        return ArrivingReply.Head.read(bytes, bytes.length);
    }
}
