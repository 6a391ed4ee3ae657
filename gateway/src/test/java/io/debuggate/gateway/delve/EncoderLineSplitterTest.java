package io.debuggate.gateway.delve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EncoderLineSplitterTest {

    private static final String A = "{\"id\":0,\"result\":{\"State\":{\"Running\":false}},\"error\":null}";
    private static final String B = "{\"id\":1,\"result\":null,\"error\":\"could not find symbol \\\"x\\\"\\n\"}";

    @Test
    void everyLineIsOneMessageWithoutItsNewline() {
        assertThat(split(A + "\n" + B + "\n", 1 << 20, 4096)).containsExactly(A, B);
    }

    @Test
    void blankLinesAreSkippedAndAnUnfinishedLineWaits() {
        EncoderLineSplitter splitter = new EncoderLineSplitter(1 << 20);
        List<String> got = new ArrayList<>();
        byte[] bytes = ("\n \r\n" + A + "\n" + B.substring(0, 10)).getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, bytes.length, m -> got.add(new String(m, StandardCharsets.UTF_8)));
        assertThat(got).containsExactly(A);
        assertThat(splitter.pendingBytes()).isEqualTo(10);
    }

    static IntStream chunkSizes() {
        return IntStream.of(1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 63, 64, 65, 4096);
    }

    /** The reply relay reads whatever the socket gives: a message may be cut anywhere. */
    @ParameterizedTest
    @MethodSource("chunkSizes")
    void messagesCutAnywhereAreJoined(int chunk) {
        String stream = A + "\n" + B + "\n" + A + "\n";
        assertThat(split(stream, 1 << 20, chunk)).containsExactly(A, B, A);
    }

    @Test
    void theWordAtATimeSearchFindsTheSameNewlineAsAByteWalk() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(80)];
            random.nextBytes(bytes);
            for (int k = 0; k < bytes.length; k++) {
                if (bytes[k] == '\n') {
                    bytes[k] = 'x';
                }
            }
            // bytes just below and above '\n' (0x09, 0x0B, 0x8A) must not count; one newline anywhere must
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[random.nextInt(bytes.length)] = '\n';
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            assertThat(EncoderLineSplitter.indexOfNewline(bytes, from, bytes.length))
                    .as("round %d", round).isEqualTo(byteWalk(bytes, from, bytes.length));
        }
        byte[] near = {0x09, 0x0B, (byte) 0x8A, 0x0A - 0x01, (byte) 0xFF, 0x00, 0x0B, 0x09, 0x0A};
        assertThat(EncoderLineSplitter.indexOfNewline(near, 0, near.length)).isEqualTo(8);
    }

    @Test
    void aReplyOverTheLimitIsRefusedAsItArrivesAndTheStreamStaysFailed() {
        EncoderLineSplitter splitter = new EncoderLineSplitter(100);
        byte[] chunk = "{\"id\":0,\"result\":\"".concat("a".repeat(60)).getBytes(StandardCharsets.UTF_8);
        splitter.feed(chunk, 0, chunk.length, m -> { });
        assertThatThrownBy(() -> splitter.feed(chunk, 0, chunk.length, m -> { }))
                .isInstanceOf(FramingException.class).hasMessageContaining("larger than 100 bytes")
                .hasMessageContaining("debuggate.tunnel.max-reply-bytes");
        byte[] fine = "\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> splitter.feed(fine, 0, 1, m -> { })).isInstanceOf(FramingException.class)
                .hasMessageContaining("already failed");
    }

    @Test
    void aWholeLineOverTheLimitInOneReadIsRefusedToo() {
        byte[] line = ("{\"id\":0,\"result\":\"" + "a".repeat(200) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new EncoderLineSplitter(100).feed(line, 0, line.length, m -> { }))
                .isInstanceOf(FramingException.class).hasMessageContaining("larger than 100 bytes");
    }

    private static int byteWalk(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static List<String> split(String stream, int max, int chunk) {
        EncoderLineSplitter splitter = new EncoderLineSplitter(max);
        List<String> got = new ArrayList<>();
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            splitter.feed(bytes, i, Math.min(chunk, bytes.length - i), m -> got.add(new String(m, StandardCharsets.UTF_8)));
        }
        return got;
    }
}
