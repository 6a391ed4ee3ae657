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

    /** Records what an early taker is given: the message's bytes, its end, or its abandonment. */
    private static final class Taken implements EncoderLineSplitter.ArrivingMessage {
        final StringBuilder bytes = new StringBuilder();
        int parts;
        boolean ended;
        boolean abandoned;
        RuntimeException failOnMore;

        @Override
        public void more(byte[] b, int from, int length) {
            if (failOnMore != null) {
                throw failOnMore;
            }
            bytes.append(new String(b, from, length, StandardCharsets.ISO_8859_1));
            parts++;
        }

        @Override
        public void end() {
            ended = true;
        }

        @Override
        public void abandon() {
            abandoned = true;
        }
    }

    @ParameterizedTest
    @MethodSource("chunkSizes")
    void aLongMessageIsHandedOverBeforeItsEndAndTheOthersArriveWholeAroundIt(int chunk) {
        String longOne = "{\"id\":5,\"result\":\"" + "z".repeat(300) + "\"}";
        List<Taken> taken = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        EncoderLineSplitter splitter = new EncoderLineSplitter(1 << 20, 100, (head, length) -> {
            heads.add(new String(head, 0, length, StandardCharsets.ISO_8859_1));
            Taken t = new Taken();
            taken.add(t);
            return t;
        });
        List<String> whole = new ArrayList<>();
        byte[] stream = (A + "\n" + longOne + "\n" + B + "\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < stream.length; i += chunk) {
            splitter.feed(stream, i, Math.min(chunk, stream.length - i), m -> whole.add(new String(m, StandardCharsets.UTF_8)));
        }
        if (chunk >= stream.length) { // it ended in the read it began in: nothing to gain by taking it early
            assertThat(whole).containsExactly(A, longOne, B);
            assertThat(taken).isEmpty();
            return;
        }
        assertThat(whole).containsExactly(A, B);
        assertThat(taken).hasSize(1);
        assertThat(taken.getFirst().bytes.toString()).isEqualTo(longOne);
        assertThat(taken.getFirst().ended).isTrue();
        assertThat(heads.getFirst()).startsWith("{\"id\":5,").hasSizeGreaterThanOrEqualTo(100);
        assertThat(splitter.pendingBytes()).isZero();
    }

    @Test
    void aLongMessageRefusedEarlyIsCollectedWholeAndOfferedOnlyOnce() {
        List<Integer> offers = new ArrayList<>();
        EncoderLineSplitter splitter = new EncoderLineSplitter(1 << 20, 10, (head, length) -> {
            offers.add(length);
            return null;
        });
        List<String> whole = new ArrayList<>();
        byte[] stream = (A + "\n" + B + "\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < stream.length; i += 3) {
            splitter.feed(stream, i, Math.min(3, stream.length - i), m -> whole.add(new String(m, StandardCharsets.UTF_8)));
        }
        assertThat(whole).containsExactly(A, B);
        assertThat(offers).hasSize(2).allMatch(length -> length >= 10 && length < 13);
    }

    @Test
    void aMessageTakenEarlyStillMayNotPassTheLimitAndItsTakerIsAbandoned() {
        Taken taken = new Taken();
        EncoderLineSplitter splitter = new EncoderLineSplitter(100, 20, (head, length) -> taken);
        byte[] chunk = "a".repeat(60).getBytes(StandardCharsets.UTF_8);
        splitter.feed(chunk, 0, chunk.length, m -> { });
        assertThat(taken.parts).isEqualTo(1);
        assertThatThrownBy(() -> splitter.feed(chunk, 0, chunk.length, m -> { }))
                .isInstanceOf(FramingException.class).hasMessageContaining("larger than 100 bytes");
        assertThat(taken.abandoned).isTrue();
        assertThat(taken.ended).isFalse();
        assertThat(taken.bytes).hasSize(60).as("nothing past the limit was passed on");
    }

    @Test
    void aTakerThatRefusesItsBytesIsAbandonedAndTheStreamStaysFailed() {
        Taken taken = new Taken();
        EncoderLineSplitter splitter = new EncoderLineSplitter(1000, 20, (head, length) -> taken);
        byte[] chunk = "b".repeat(30).getBytes(StandardCharsets.UTF_8);
        splitter.feed(chunk, 0, chunk.length, m -> { });
        taken.failOnMore = new FramingException("dlv sent a reply with 'x' outside a string at offset 3");
        assertThatThrownBy(() -> splitter.feed(chunk, 0, chunk.length, m -> { })).isSameAs(taken.failOnMore);
        assertThat(taken.abandoned).isTrue();
        byte[] newline = {'\n'};
        assertThatThrownBy(() -> splitter.feed(newline, 0, 1, m -> { })).hasMessageContaining("already failed");
    }

    @Test
    void aStreamThatEndsMidMessageAbandonsItsTaker() {
        Taken taken = new Taken();
        EncoderLineSplitter splitter = new EncoderLineSplitter(1000, 20, (head, length) -> taken);
        byte[] chunk = "c".repeat(30).getBytes(StandardCharsets.UTF_8);
        splitter.feed(chunk, 0, chunk.length, m -> { });
        splitter.abandon();
        assertThat(taken.abandoned).isTrue();
        assertThat(taken.ended).isFalse();
        splitter.abandon(); // twice is harmless
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
