package io.debuggate.policies.masking;

import java.io.IOException;
import java.io.Writer;
import java.nio.CharBuffer;
import java.util.Arrays;

/**
 * Masks text on its way to another writer, chunk by chunk, with the same result as masking the whole
 * text at once (see {@link ChunkedMasking}).
 *
 * <p>{@link #flush()} and {@link #close()} emit everything held back, as if the text ended there:
 * flush at message boundaries, not in the middle of a message, or a value split by the flush may
 * escape. Not thread-safe, like most writers.
 */
public final class MaskingWriter extends Writer {

    static final int CHUNK = ChunkedMasking.CHUNK;
    static final int HOLD = ChunkedMasking.HOLD;
    static final int CONTEXT = ChunkedMasking.CONTEXT;

    private final Writer out;
    private final Core core;
    private boolean closed;

    MaskingWriter(MaskingEngine engine, Writer out) {
        this.out = out;
        this.core = new Core(engine);
    }

    private final class Core extends ChunkedMasking {
        private char[] buf = new char[CHUNK + HOLD + CONTEXT];
        private byte[] view = new byte[CHUNK + HOLD + CONTEXT];
        private final StringBuilder rendered = new StringBuilder();

        Core(MaskingEngine engine) {
            super(engine);
        }

        void append(char[] cbuf, int off, int n) {
            ensureCapacity(len + n);
            System.arraycopy(cbuf, off, buf, len, n);
            len += n;
        }

        void append(String s, int off, int n) {
            ensureCapacity(len + n);
            s.getChars(off, off + n, buf, len);
            len += n;
        }

        private void ensureCapacity(int n) {
            if (n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
            }
        }

        @Override
        byte[] scanView() {
            if (view.length < len) {
                view = new byte[buf.length];
            }
            for (int k = 0; k < len; k++) {
                char c = buf[k];
                view[k] = c < 256 ? (byte) c : (byte) '?';
            }
            return view;
        }

        @Override
        CharSequence textView() {
            return CharBuffer.wrap(buf, 0, len);
        }

        @Override
        boolean splitsCharacter(int cut) {
            return Character.isHighSurrogate(buf[cut - 1]);
        }

        @Override
        void emit(int from, int cut, int upto) throws IOException {
            rendered.setLength(0);
            engine.render(textView(), from, cut, findings, 0, upto, rendered);
            out.write(rendered.toString());
        }

        @Override
        void shift(int keepFrom) {
            System.arraycopy(buf, keepFrom, buf, 0, len - keepFrom);
        }
    }

    @Override
    public void write(char[] cbuf, int off, int n) throws IOException {
        ensureOpen();
        if (off < 0 || n < 0 || off + n > cbuf.length) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + n + " array=" + cbuf.length);
        }
        while (n > 0) {
            int take = Math.min(n, CHUNK);
            core.append(cbuf, off, take);
            off += take;
            n -= take;
            if (core.due()) {
                core.drain(false);
            }
        }
    }

    @Override
    public void write(String s, int off, int n) throws IOException {
        ensureOpen();
        if (off < 0 || n < 0 || off + n > s.length()) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + n + " string=" + s.length());
        }
        while (n > 0) {
            int take = Math.min(n, CHUNK);
            core.append(s, off, take);
            off += take;
            n -= take;
            if (core.due()) {
                core.drain(false);
            }
        }
    }

    @Override
    public void write(int c) throws IOException {
        write(new char[] {(char) c}, 0, 1);
    }

    /** Emits everything held back (as if the text ended here), then flushes the target. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        core.drain(true);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            core.drain(true);
            out.flush();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("masking writer is closed");
        }
    }
}
