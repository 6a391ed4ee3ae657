package io.debuggate.gateway.delve;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>A long message can be handed over before its end ({@link EarlyTaker}): whoever takes it gets
 * the rest of its bytes as they arrive, and it is never held whole here.
 */
public final class EncoderLineSplitter {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final PendingMessage pending;
    private final int maxMessageBytes;
    private final int earlyAfterBytes;
    private final EarlyTaker early;
    private boolean failed;
    /** The message being handed over as it arrives, if any, and its size so far. */
    private @Nullable ArrivingMessage arriving;
    private long arrivingBytes;
    /** Whether the message now pending was offered early and refused (it is offered once). */
    private boolean offered;

    /** A message handed over before its end. */
    public interface ArrivingMessage {

        /** The message's next bytes (the first call brings all that arrived before it was taken). */
        void more(byte[] bytes, int from, int length);

        /** The message's newline has arrived. */
        void end();

        /** The stream failed or ended before the message did. */
        void abandon();
    }

    /** Offered the first bytes of each message that grows past the early threshold without ending. */
    @FunctionalInterface
    public interface EarlyTaker {

        /** @return where the message's bytes go from now on, or null to have it collected whole as usual */
        @Nullable ArrivingMessage take(byte[] head, int length);
    }

    public EncoderLineSplitter(int maxMessageBytes) {
        this(maxMessageBytes, Integer.MAX_VALUE, (head, length) -> null);
    }

    /**
     * @param earlyAfterBytes a message that has grown this long without ending is offered to {@code early}
     */
    public EncoderLineSplitter(int maxMessageBytes, int earlyAfterBytes, EarlyTaker early) {
        if (maxMessageBytes < 2) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 2");
        }
        if (earlyAfterBytes < 1) {
            throw new IllegalArgumentException("earlyAfterBytes must be >= 1");
        }
        this.maxMessageBytes = maxMessageBytes;
        this.earlyAfterBytes = earlyAfterBytes;
        this.early = early;
        this.pending = new PendingMessage(maxMessageBytes, this::failTooLarge);
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
        if (arriving != null) {
            start = continueArriving(bytes, start, end);
        }
        for (int newline; start < end && (newline = indexOfNewline(bytes, start, end)) >= 0; start = newline + 1) {
            byte[] message = pending.complete(bytes, start, newline - start);
            offered = false;
            if (!isBlank(message)) {
                onMessage.accept(message);
            }
        }
        if (start < end) {
            pending.append(bytes, start, end - start);
            if (!offered && pending.size() >= earlyAfterBytes) {
                offerEarly();
            }
        }
    }

    /**
     * Ends a message handed over early that will not end now (the stream broke or closed): its
     * taker lets go of what it holds.
     */
    public void abandon() {
        ArrivingMessage message = arriving;
        arriving = null;
        if (message != null) {
            message.abandon();
        }
    }

    private void offerEarly() {
        offered = true;
        ArrivingMessage taker = early.take(pending.bytes(), pending.size());
        if (taker == null) {
            return;
        }
        arriving = taker;
        arrivingBytes = pending.size();
        guarded(taker, () -> taker.more(pending.bytes(), 0, pending.size()));
        pending.clear();
    }

    /** Passes bytes on to the message taken early, up to its newline. @return where the bytes after it start */
    private int continueArriving(byte[] bytes, int start, int end) {
        ArrivingMessage message = java.util.Objects.requireNonNull(arriving);
        int newline = indexOfNewline(bytes, start, end);
        int stop = newline < 0 ? end : newline;
        arrivingBytes += stop - start;
        if (arrivingBytes > maxMessageBytes) {
            abandon();
            failTooLarge();
        }
        guarded(message, () -> message.more(bytes, start, stop - start));
        if (newline < 0) {
            return end;
        }
        arriving = null;
        offered = false;
        guarded(message, message::end);
        return newline + 1;
    }

    /**
     * A taker that cannot go on (dlv's bytes are not what they should be) is abandoned, and this
     * splitter is unusable too: nothing after bytes like those is trusted, and the connection closes.
     */
    private void guarded(ArrivingMessage message, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failed = true;
            arriving = null;
            try {
                message.abandon();
            } catch (RuntimeException second) {
                e.addSuppressed(second);
            }
            throw e;
        }
    }

    private void failTooLarge() {
        fail("dlv sent a reply larger than " + maxMessageBytes
                + " bytes; raise debuggate.tunnel.max-reply-bytes or ask for less (e.g. ListGoroutines with a Count)");
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
