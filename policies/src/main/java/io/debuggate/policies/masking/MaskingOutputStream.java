package io.debuggate.policies.masking;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Masks UTF-8 text on its way to another stream. Multi-byte characters split across writes are
 * reassembled; malformed bytes, and an incomplete sequence at close, become U+FFFD (they cannot be
 * masked, so they are not passed through). Same flush semantics as {@link MaskingWriter}.
 *
 * <p>Decoding and encoding go through {@code String}'s UTF-8 codec, which is several times faster
 * than a {@code CharsetDecoder} loop on text with Chinese characters.
 */
public final class MaskingOutputStream extends OutputStream {

    private final MaskingWriter writer;
    /** The bytes of a UTF-8 sequence cut by the end of the last write (at most 3). */
    private byte[] carry = new byte[0];

    MaskingOutputStream(MaskingEngine engine, OutputStream out) {
        this.writer = new MaskingWriter(engine, new Utf8Writer(out));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        if (carry.length > 0) {
            byte[] joined = Arrays.copyOf(carry, carry.length + len);
            System.arraycopy(b, off, joined, carry.length, len);
            b = joined;
            off = 0;
            len = joined.length;
        }
        int end = off + len;
        int cut = completeUpTo(b, off, end);
        if (cut > off) {
            writer.write(new String(b, off, cut - off, StandardCharsets.UTF_8));
        }
        carry = Arrays.copyOfRange(b, cut, end);
    }

    /** End of the last complete UTF-8 sequence in {@code b[off..end)}. */
    static int completeUpTo(byte[] b, int off, int end) {
        for (int j = end - 1; j >= Math.max(off, end - 3); j--) {
            int x = b[j] & 0xff;
            if ((x & 0xc0) != 0x80) {
                int needed = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : x >= 0xc0 ? 2 : 1;
                return end - j < needed ? j : end;
            }
        }
        return end;
    }

    /** Emits all complete characters held back; an incomplete UTF-8 sequence waits for its next bytes. */
    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        if (carry.length > 0) {
            writer.write(new String(carry, StandardCharsets.UTF_8));
            carry = new byte[0];
        }
        writer.close();
    }

    /** UTF-8 through {@code String.getBytes}; a high surrogate at the end of a write waits for its pair. */
    private static final class Utf8Writer extends Writer {
        private final OutputStream out;
        private char pendingHigh;

        Utf8Writer(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            write(new String(cbuf, off, len));
        }

        @Override
        public void write(String s) throws IOException {
            if (s.isEmpty()) {
                return;
            }
            if (pendingHigh != 0) {
                s = pendingHigh + s;
                pendingHigh = 0;
            }
            char last = s.charAt(s.length() - 1);
            if (Character.isHighSurrogate(last)) {
                pendingHigh = last;
                s = s.substring(0, s.length() - 1);
            }
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (pendingHigh != 0) {
                pendingHigh = 0;
                out.write("\uFFFD".getBytes(StandardCharsets.UTF_8));
            }
            out.close();
        }
    }
}
