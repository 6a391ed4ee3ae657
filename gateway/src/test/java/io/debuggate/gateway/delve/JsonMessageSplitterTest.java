package io.debuggate.gateway.delve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonMessageSplitterTest {

    private static final String A = "{\"method\":\"RPCServer.State\",\"params\":[{\"NonBlocking\":true}],\"id\":0}";
    private static final String B = "{\"method\":\"RPCServer.Eval\",\"params\":[{\"Expr\":\"s[\\\"}{\\\"]\"}],\"id\":1}";

    @Test
    void concatenatedValuesWithoutNewlinesAreSplit() {
        assertThat(split(A + B, 1000)).containsExactly(A, B);
    }

    @Test
    void whitespaceBetweenValuesIsSkipped() {
        assertThat(split(" \n" + A + "\r\n\t" + B + "\n", 1000)).containsExactly(A, B);
    }

    @Test
    void bracesInsideStringsAndEscapedQuotesDoNotEndAMessage() {
        String tricky = "{\"s\":\"\\\\\",\"t\":\"}\\\"{\"}";
        assertThat(split(tricky + A, 1000)).containsExactly(tricky, A);
    }

    /** Delve reads with a streaming decoder; a request may arrive cut anywhere. */
    static IntStream chunkSizes() {
        return IntStream.rangeClosed(1, 40);
    }

    @ParameterizedTest
    @MethodSource("chunkSizes")
    void anyChunkingGivesTheSameMessages(int chunk) {
        assertThat(split(A + B + A, chunk)).containsExactly(A, B, A);
    }

    @Test
    void garbageBeforeAMessageIsRefusedWithItsOffset() {
        assertThatThrownBy(() -> split("xyz" + A, 1000)).isInstanceOf(FramingException.class)
                .hasMessageContaining("offset 0").hasMessageContaining("'x'");
        assertThatThrownBy(() -> split(A + "\u0000", 1000)).isInstanceOf(FramingException.class)
                .hasMessageContaining("byte 0x00");
        assertThatThrownBy(() -> split("[1,2]", 1000)).isInstanceOf(FramingException.class)
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void anOversizedMessageIsRefusedBeforeItIsBufferedWhole() {
        JsonMessageSplitter splitter = new JsonMessageSplitter(1024, 32);
        byte[] start = "{\"method\":\"RPCServer.Eval\",\"params\":[{\"Expr\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] filler = new byte[512];
        java.util.Arrays.fill(filler, (byte) 'a');
        splitter.feed(start, 0, start.length, m -> { });
        splitter.feed(filler, 0, filler.length, m -> { });
        assertThatThrownBy(() -> splitter.feed(filler, 0, filler.length, m -> { }))
                .isInstanceOf(FramingException.class).hasMessageContaining("exceeds 1024 bytes");
        assertThat(splitter.pendingBytes()).as("nothing kept after the refusal").isZero();
        assertThatThrownBy(() -> splitter.feed(start, 0, 1, m -> { })).hasMessageContaining("already failed");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
        assertThatThrownBy(() -> split(deep, 1000, 32)).isInstanceOf(FramingException.class)
                .hasMessageContaining("deeper than 32");
    }

    private static List<String> split(String text, int chunk) {
        return split(text, chunk, 32);
    }

    private static List<String> split(String text, int chunk, int depth) {
        JsonMessageSplitter splitter = new JsonMessageSplitter(1 << 20, depth);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            splitter.feed(bytes, i, Math.min(chunk, bytes.length - i), m -> out.add(new String(m, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
