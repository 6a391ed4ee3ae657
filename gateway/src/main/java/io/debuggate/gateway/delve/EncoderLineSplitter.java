package io.debuggate.gateway.delve;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Cuts dlv's reply stream into messages at the newline Go's {@code json.Encoder} writes after each
 * one (debug-protocols.md §1.1). The encoder writes compact JSON and escapes control characters in
 * strings, so that newline is the only one in a message. Client traffic must not be framed this
 * way ({@link JsonMessageSplitter} does that); dlv's replies may, and an 8 MB goroutine list is
 * framed by a word-at-a-time search for one byte instead of a walk through its strings and
 * nesting, which took as long as masking it.
 *
 * <p>Nothing is trusted for it: what reads a message next checks its structure and refuses a cut
 * in the wrong place ({@link StreamingJsonMasker}, {@link RpcCodec#streamReply} or the parser).
 * Blank lines are skipped. The size limit is checked as bytes arrive.
 */
public final class EncoderLineSplitter {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final PendingMessage pending;
    private boolean failed;

    public EncoderLineSplitter(int maxMessageBytes) {
        if (maxMessageBytes < 2) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 2");
        }
        this.pending = new PendingMessage(maxMessageBytes, () -> fail("dlv sent a reply larger than " + maxMessageBytes
                + " bytes; raise debuggate.tunnel.max-reply-bytes or ask for less (e.g. ListGoroutines with a Count)"));
    }

    /**
     * Feeds bytes; every completed message (without its newline) is handed to {@code onMessage}.
     *
     * @throws FramingException when a message passes the size limit; the splitter is unusable afterwards
     */
    public void feed(byte[] bytes, int from, int length, Consumer<byte[]> onMessage) {
        if (failed) {
            throw new FramingException("the reply stream already failed to frame; reconnect");
        }
        int end = from + length;
        int start = from;
        for (int newline; start < end && (newline = indexOfNewline(bytes, start, end)) >= 0; start = newline + 1) {
            byte[] message = pending.complete(bytes, start, newline - start);
            if (!isBlank(message)) {
                onMessage.accept(message);
            }
        }
        if (start < end) {
            pending.append(bytes, start, end - start);
        }
    }

    /** Bytes of an unfinished message still held. */
    public int pendingBytes() {
        return pending.size();
    }

    /** The first {@code \n} in {@code bytes[from, to)}, eight bytes per step, or -1. */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) WORDS.get(bytes, i) ^ NEWLINES; // a newline byte becomes zero
            long zeros = (word - ONES) & ~word & HIGHS; // the lowest flagged byte is the first zero
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fail(String message) {
        failed = true;
        throw new FramingException(message);
    }

    private static boolean isBlank(byte[] message) {
        for (byte b : message) {
            if (b != ' ' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
