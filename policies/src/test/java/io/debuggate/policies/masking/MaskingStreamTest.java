package io.debuggate.policies.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MaskingStreamTest {

    static final MaskingEngine ENGINE = MaskingEngineTest.ENGINE;

    @Test
    void aPhoneSplitAcrossWritesIsStillFound() throws IOException {
        StringWriter sink = new StringWriter();
        try (MaskingWriter w = ENGINE.writer(sink)) {
            w.write("call 1381234");
            w.write("5678 now");
        }
        assertThat(sink.toString()).isEqualTo(ENGINE.mask("call 13812345678 now")).doesNotContain("5678");
    }

    @Test
    void aValueAcrossTheChunkBoundaryIsFound() throws IOException {
        String filler = "x".repeat(MaskingWriter.CHUNK + MaskingWriter.HOLD - 5);
        String text = filler + " 110101199003071233 tail";
        StringWriter sink = new StringWriter();
        try (MaskingWriter w = ENGINE.writer(sink)) {
            for (char c : text.toCharArray()) {
                w.write(c);
            }
        }
        assertThat(sink.toString()).isEqualTo(ENGINE.mask(text)).contains("110101********1233");
    }

    @Test
    void longTextIsEmittedBeforeCloseAndTheHeldBackTailIsBounded() throws IOException {
        StringWriter sink = new StringWriter();
        MaskingWriter w = ENGINE.writer(sink);
        String line = "{\"tel\":\"13812345678\",\"note\":\"订单已发货\"}\n";
        StringBuilder all = new StringBuilder();
        for (int k = 0; k < 2000; k++) {
            w.write(line);
            all.append(line);
        }
        String before = sink.toString();
        String expected = ENGINE.mask(all.toString());
        assertThat(expected).startsWith(before);
        assertThat(expected.length() - before.length()).as("held back")
                .isPositive().isLessThanOrEqualTo(2 * (MaskingWriter.CHUNK + MaskingWriter.HOLD));
        w.close();
        assertThat(sink.toString()).isEqualTo(expected);
    }

    @Test
    void flushEmitsEverythingHeldBack() throws IOException {
        StringWriter sink = new StringWriter();
        MaskingWriter w = ENGINE.writer(sink);
        w.write("card 4111111111111111");
        assertThat(sink.toString()).isEmpty();
        w.flush();
        assertThat(sink.toString()).isEqualTo("card 411111******1111");
        w.write(" and 13812345678");
        w.close();
        assertThat(sink.toString()).startsWith("card 411111******1111 and tel#");
        assertThatThrownBy(() -> w.write("more")).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void aVeryLongDigitRunDoesNotGrowTheBufferWithoutBound() throws IOException {
        String text = "x " + "7".repeat(200_000) + " 13812345678";
        StringWriter sink = new StringWriter();
        try (MaskingWriter w = ENGINE.writer(sink)) {
            for (int p = 0; p < text.length(); p += 1000) {
                w.write(text, p, Math.min(1000, text.length() - p));
                assertThat(text.length() - Math.min(p + 1000, text.length()) + sink.getBuffer().length())
                        .isGreaterThan(0);
            }
        }
        assertThat(sink.toString()).isEqualTo(ENGINE.mask(text));
    }

    @Test
    void utf8SplitInsideChineseCharactersAndEmoji() throws IOException {
        String text = "客户张三的手机号是13812345678😀，身份证110101199003071233。";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (MaskingOutputStream out = ENGINE.outputStream(sink)) {
            for (byte b : bytes) {
                out.write(b);
            }
        }
        String masked = sink.toString(StandardCharsets.UTF_8);
        assertThat(masked).isEqualTo(ENGINE.mask(text)).startsWith("客户张三的手机号是tel#").contains("😀，身份证110101********1233。");
    }

    @Test
    void malformedUtf8PassesUnchangedWhenOnlyBuiltInRulesRun() throws IOException {
        byte[] bytes = {'a', (byte) 0xff, 'b', ' ', '1', '3', '8', '1', '2', '3', '4', '5', '6', '7', '8', ' ', (byte) 0xe4, (byte) 0xb8};
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (MaskingOutputStream out = ENGINE.outputStream(sink)) {
            out.write(bytes);
        }
        byte[] masked = sink.toByteArray();
        assertThat(masked).startsWith('a', (byte) 0xff, 'b', ' ', 't', 'e', 'l', '#').endsWith(' ', (byte) 0xe4, (byte) 0xb8);
    }

    @Test
    void withCustomRulesTheStreamIsDecodedAndMalformedBytesBecomeReplacementCharacters() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (MaskingOutputStream out = MaskingPropertiesTest.WITH_CUSTOM_AND_IP.outputStream(sink)) {
            out.write(new byte[] {'a', (byte) 0xff, 'b', ' ', 'E', 'M', 'P', '-', '1', '2', '3', '4', '5', '6', ' ', (byte) 0xe4, (byte) 0xb8});
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).matches("a\uFFFDb emp#[0-9a-f]{10} \uFFFD");
    }
}
