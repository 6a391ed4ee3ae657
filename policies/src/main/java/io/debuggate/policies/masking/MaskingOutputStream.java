package io.debuggate.policies.masking;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Masks UTF-8 text on its way to another stream, with the same result as masking the decoded text
 * at once. Every built-in detector looks at ASCII only, so without custom rules the bytes are
 * masked as they are, never decoded: other bytes, malformed ones included, pass unchanged. With
 * custom rules (regular expressions over chars) the text is decoded through {@code String}'s UTF-8
 * codec; there malformed bytes, and an incomplete sequence at close, become U+FFFD. Same flush
 * semantics as {@link MaskingWriter}.
 */
public final class MaskingOutputStream extends OutputStream {

    private final OutputStream out;
    /** Without custom rules the bytes are masked as they are: every built-in detector is ASCII. */
    private final ByteCore bytes;
    /** With custom rules (regular expressions over chars) the text is decoded first. */
    private final MaskingWriter writer;
    /** The bytes of a UTF-8 sequence cut by the end of the last write (at most 3), decode path only. */
    private byte[] carry = new byte[0];
    private boolean closed;

    MaskingOutputStream(MaskingEngine engine, OutputStream out) {
        this.out = out;
        if (engine.hasCustomRules()) {
            this.bytes = null;
            this.writer = new MaskingWriter(engine, new Utf8Writer(out));
        } else {
            this.bytes = new ByteCore(engine);
            this.writer = null;
        }
    }

    /** UTF-8 bytes masked in place: findings are ASCII, non-ASCII bytes are neither word nor separator. */
    private final class ByteCore extends ChunkedMasking {
        private byte[] buf = new byte[CHUNK + HOLD + CONTEXT];

        ByteCore(MaskingEngine engine) {
            super(engine);
        }

        void append(byte[] b, int off, int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
            }
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        @Override
        byte[] scanView() {
            return buf;
        }

        @Override
        CharSequence textView() {
            return new Latin1View(buf, len);
        }

        @Override
        boolean splitsCharacter(int cut) {
            return cut < len && (buf[cut] & 0xc0) == 0x80;
        }

        @Override
        void emit(int from, int cut, int upto) throws IOException {
            CharSequence text = textView();
            int p = from;
            for (int k = 0; k < upto; k++) {
                out.write(buf, p, findings.start[k] - p);
                out.write(engine.replacement(text, findings.start[k], findings.end[k], findings.rule[k])
                        .getBytes(StandardCharsets.UTF_8));
                p = findings.end[k];
            }
            out.write(buf, p, cut - p);
        }

        @Override
        void shift(int keepFrom) {
            System.arraycopy(buf, keepFrom, buf, 0, len - keepFrom);
        }
    }

    /** Bytes as chars one to one; right for the ASCII of built-in findings, which is all it is used for. */
    private record Latin1View(byte[] b, int length) implements CharSequence {
        @Override
        public char charAt(int index) {
            return (char) (b[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(b, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("masking stream is closed");
        }
        if (bytes != null) {
            while (len > 0) {
                int take = Math.min(len, ChunkedMasking.CHUNK);
                bytes.append(b, off, take);
                off += take;
                len -= take;
                if (bytes.due()) {
                    bytes.drain(false);
                }
            }
            return;
        }
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

    /**
     * Emits everything held back, as if the text ended here (see {@link MaskingWriter#flush()}); on
     * the decode path an incomplete UTF-8 sequence waits for its next bytes.
     */
    @Override
    public void flush() throws IOException {
        if (bytes != null) {
            bytes.drain(true);
            out.flush();
        } else {
            writer.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (bytes != null) {
            try {
                bytes.drain(true);
                out.flush();
            } finally {
                out.close();
            }
            return;
        }
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
