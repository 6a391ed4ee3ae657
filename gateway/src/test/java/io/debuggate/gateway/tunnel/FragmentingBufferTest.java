package io.debuggate.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FragmentingBufferTest {

    @Test
    void partsArePassedOnAsTheyFillAndTogetherAreExactlyWhatWasWritten() throws IOException {
        List<Integer> parts = new ArrayList<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        OutputStream message = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("parts arrive whole");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                parts.add(len);
                received.write(b, off, len);
            }
        };
        FragmentingBuffer buffer = new FragmentingBuffer(message, 1000);
        byte[] written = new byte[10_000];
        new Random(7).nextBytes(written);
        for (int off = 0; off < written.length; ) {
            int len = Math.min(1 + off % 333, written.length - off);
            buffer.write(written, off, len);
            off += len;
            assertThat(buffer.size()).isLessThan(1000); // nothing piles up beyond one part
        }
        buffer.write('!');
        buffer.finish();

        assertThat(buffer.total()).isEqualTo(10_001);
        assertThat(parts.subList(0, parts.size() - 1)).allMatch(n -> n >= 1000);
        byte[] all = received.toByteArray();
        assertThat(all).hasSize(10_001).startsWith(written).endsWith('!');
    }

    @Test
    void aClientThatIsGoneSurfacesAsAnUncheckedFailureOfTheWrite() {
        FragmentingBuffer buffer = new FragmentingBuffer(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("broken pipe");
            }
        }, 10);
        assertThatThrownBy(() -> buffer.write(new byte[20], 0, 20)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("broken pipe");
    }
}
