package io.debuggate.policies.masking;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * Masks text on its way to another writer, chunk by chunk, with the same result as masking the whole
 * text at once: it holds back a bounded tail (a value may continue in the next write) and keeps a
 * little already-written context (a value's left neighbour decides whether it is a value).
 *
 * <p>{@link #flush()} and {@link #close()} emit everything held back, as if the text ended there:
 * flush at message boundaries, not in the middle of a message, or a value split by the flush may
 * escape. Not thread-safe, like most writers.
 */
public final class MaskingWriter extends Writer {

    /** Scan when this much new text has arrived. */
    static final int CHUNK = 8192;
    /** Never emit the last HOLD chars before more text or a flush: a value there may be incomplete. */
    static final int HOLD = 512;
    /** Already emitted chars kept in front of the buffer as left context. */
    static final int CONTEXT = 96;
    /** Inside a digit run this long a cut is harmless: no detector accepts runs that long. */
    private static final int LONG_RUN = 80;

    private final MaskingEngine engine;
    private final Writer out;
    private final Findings findings = new Findings();
    private final StringBuilder rendered = new StringBuilder();
    private char[] buf = new char[CHUNK + HOLD + CONTEXT];
    /** Chars in {@code buf}; {@code buf[0..from)} is context that was already emitted. */
    private int len;
    private int from;
    /** End of the last emitted finding, relative to {@code buf}; negative when it lies before the buffer. */
    private long lastEnd;
    private boolean closed;

    MaskingWriter(MaskingEngine engine, Writer out) {
        this.engine = engine;
        this.out = out;
    }

    @Override
    public void write(char[] cbuf, int off, int n) throws IOException {
        ensureOpen();
        if (off < 0 || n < 0 || off + n > cbuf.length) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + n + " array=" + cbuf.length);
        }
        while (n > 0) {
            int room = CHUNK + HOLD + CONTEXT - len;
            if (room <= 0) {
                drain(false);
                room = Math.max(CHUNK + HOLD + CONTEXT - len, 0);
                if (room == 0) {
                    // No safe cut yet (one very long candidate): let the buffer grow.
                    room = n;
                }
            }
            int take = Math.min(room, n);
            ensureCapacity(len + take);
            System.arraycopy(cbuf, off, buf, len, take);
            len += take;
            off += take;
            n -= take;
            if (len - from >= CHUNK + HOLD) {
                drain(false);
            }
        }
    }

    @Override
    public void write(String s, int off, int n) throws IOException {
        ensureOpen();
        if (off < 0 || n < 0 || off + n > s.length()) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + n + " string=" + s.length());
        }
        // Copied straight into the buffer in chunk-sized pieces, without an intermediate array.
        while (n > 0) {
            int take = Math.min(n, CHUNK);
            ensureCapacity(len + take);
            s.getChars(off, off + take, buf, len);
            len += take;
            off += take;
            n -= take;
            if (len - from >= CHUNK + HOLD) {
                drain(false);
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
        drain(true);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            drain(true);
            out.flush();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void drain(boolean all) throws IOException {
        if (len == from) {
            return;
        }
        findings.clear();
        int floor = (int) Math.max(lastEnd, Integer.MIN_VALUE / 2);
        engine.findAll(buf, new String(buf, 0, len), from, len, floor, findings);
        int cut = all ? len : safeCut(len - HOLD);
        if (cut <= from) {
            return;
        }
        int upto = 0;
        while (upto < findings.size && findings.end[upto] <= cut) {
            upto++;
        }
        rendered.setLength(0);
        engine.render(buf, from, cut, findings, 0, upto, rendered);
        out.write(rendered.toString());
        if (upto > 0) {
            lastEnd = findings.end[upto - 1];
        }
        int keepFrom = Math.max(cut - CONTEXT, 0);
        System.arraycopy(buf, keepFrom, buf, 0, len - keepFrom);
        len -= keepFrom;
        from = cut - keepFrom;
        lastEnd -= keepFrom;
    }

    /** The largest position at or below {@code c} that splits neither a finding nor a short digit run. */
    private int safeCut(int c) {
        boolean moved = true;
        while (moved && c > from) {
            moved = false;
            for (int k = 0; k < findings.size; k++) {
                if (findings.start[k] < c && c < findings.end[k]) {
                    c = findings.start[k];
                    moved = true;
                }
            }
            if (c > from && Character.isHighSurrogate(buf[c - 1])) {
                c--;
                moved = true;
            }
            if (c < len && c > 0 && PiiScanner.isDigit(buf[c - 1]) && PiiScanner.isDigit(buf[c])) {
                int runStart = c;
                while (runStart > 0 && PiiScanner.isDigit(buf[runStart - 1]) && c - runStart < LONG_RUN) {
                    runStart--;
                }
                if (c - runStart < LONG_RUN) {
                    c = runStart;
                    moved = true;
                }
            }
        }
        return c;
    }

    private void ensureCapacity(int n) {
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("masking writer is closed");
        }
    }
}
