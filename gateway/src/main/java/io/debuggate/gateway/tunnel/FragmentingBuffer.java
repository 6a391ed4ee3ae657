package io.debuggate.gateway.tunnel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Collects a reply as it is masked and passes it on in parts of about {@code partBytes}, so the
 * client receives the start of a large reply while the rest is still being masked. The reply's
 * bytes never sit in memory whole.
 */
final class FragmentingBuffer extends ByteArrayOutputStream {

    private final OutputStream message;
    private final int partBytes;
    private long total;

    FragmentingBuffer(OutputStream message, int partBytes) {
        super(partBytes + 8192);
        this.message = message;
        this.partBytes = partBytes;
    }

    @Override
    public synchronized void write(int b) {
        super.write(b);
        total++;
        passOnWhenFull();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        super.write(b, off, len);
        total += len;
        passOnWhenFull();
    }

    /** Passes on what is left; the caller closes the message. */
    synchronized void finish() throws IOException {
        if (count > 0) {
            message.write(buf, 0, count);
            reset();
        }
    }

    /** Bytes written so far, passed on or not. */
    synchronized long total() {
        return total;
    }

    private void passOnWhenFull() {
        if (count < partBytes) {
            return;
        }
        try {
            message.write(buf, 0, count);
        } catch (IOException e) {
            // ByteArrayOutputStream's writes cannot throw; the reply relay unwraps this
            throw new UncheckedIOException(e);
        }
        reset();
    }
}
