package io.debuggate.gateway.delve;

import java.util.Arrays;

/**
 * The bytes of a message that has begun but not ended, for both splitters. A message that begins
 * and ends in the same read is copied once, straight from it. The buffer is kept for the next
 * message up to {@link #KEPT_BYTES}; a larger one is let go once its message is out, so a connection
 * that once got a reply of 100 MB does not hold that much until it closes. (The long lists that are
 * asked for again and again are handed over before their end and never collected here:
 * {@link EncoderLineSplitter.EarlyTaker}.) The limit is checked as bytes arrive.
 */
final class PendingMessage {

    static final int KEPT_BYTES = 1 << 20;
    private static final int INITIAL_BYTES = 256;

    private final int maxBytes;
    private final Runnable overLimit;
    private byte[] bytes = new byte[INITIAL_BYTES];
    private int size;

    /** @param overLimit called when a message would grow past {@code maxBytes}; it throws the splitter's own error */
    PendingMessage(int maxBytes, Runnable overLimit) {
        this.maxBytes = maxBytes;
        this.overLimit = overLimit;
    }

    int size() {
        return size;
    }

    /** The buffer whose first {@link #size()} bytes are the message so far; valid until the next call. */
    byte[] bytes() {
        return bytes;
    }

    /** Drops the message so far (it was handed over elsewhere, or is complete). */
    void clear() {
        size = 0;
        if (bytes.length > KEPT_BYTES) {
            bytes = new byte[INITIAL_BYTES];
        }
    }

    /** The whole message, which ends with {@code input[from, from + length)}. */
    byte[] complete(byte[] input, int from, int length) {
        if (size == 0) {
            checkLimit(length);
            return Arrays.copyOfRange(input, from, from + length);
        }
        append(input, from, length);
        byte[] message = Arrays.copyOf(bytes, size);
        clear();
        return message;
    }

    void append(byte[] input, int from, int length) {
        checkLimit((long) size + length);
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, Math.max(2L * bytes.length, size + length)));
        }
        System.arraycopy(input, from, bytes, size, length);
        size += length;
    }

    private void checkLimit(long length) {
        if (length > maxBytes) {
            clear();
            overLimit.run();
            throw new IllegalStateException("the over-limit handler must throw");
        }
    }
}
