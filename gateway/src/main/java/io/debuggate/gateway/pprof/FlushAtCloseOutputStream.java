package io.debuggate.gateway.pprof;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes on but ignores {@code flush()}, so that layers above (the masking stream, the
 * digest) cannot commit the servlet response early. A committed response is sent chunked, in at
 * least two writes; an uncommitted one that is closed gets a {@code Content-Length} and leaves in
 * one. Closing still flushes everything.
 */
final class FlushAtCloseOutputStream extends FilterOutputStream {

    FlushAtCloseOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void flush() {
        // deliberately nothing: see the class comment
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
