package io.debuggate.gateway.delve;

import java.util.Arrays;

/**
 * The bytes of a message that has begun but not ended, for both splitters. A message that begins
 * and ends in the same read is copied once, straight from it. The buffer is kept at its largest for
 * the next message: a client that asked for one long list usually asks again, and regrowing cost
 * as much as copying the message once more. The limit is checked as bytes arrive.
 */
final class PendingMessage {

    private final int maxBytes;
    private final Runnable overLimit;
    private byte[] bytes = new byte[256];
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

    /** Drops the message so far (it was handed over elsewhere). */
    void clear() {
        size = 0;
    }

    /** The whole message, which ends with {@code input[from, from + length)}. */
    byte[] complete(byte[] input, int from, int length) {
        if (size == 0) {
            checkLimit(length);
            return Arrays.copyOfRange(input, from, from + length);
        }
        append(input, from, length);
        byte[] message = Arrays.copyOf(bytes, size);
        size = 0;
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
            size = 0;
            overLimit.run();
            throw new IllegalStateException("the over-limit handler must throw");
        }
    }
}
