package io.debuggate.gateway.delve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One large dlv reply masked and passed on while its bytes still arrive. Masked whole, an 8 MB
 * goroutine list waited for its last byte and then took another 12–16 ms to mask; taken in parts,
 * masking runs while dlv is still sending. What it writes is byte for byte what
 * {@link RpcCodec#streamReply} writes for the whole reply, and it refuses what that refuses
 * ({@code ArrivingReplyTest} holds the two together over random cuts).
 *
 * <p>Only a reply that starts in Go's own spelling, {@code {"id":N,"result":}, is taken this way
 * ({@link Head}); any other waits to be read whole. Bytes the masker cannot judge yet (a string, a
 * key or a redacted value cut by the end of a read) are held for the next read, and the bytes after
 * the result (dlv's error) are read when the reply ends. Not thread-safe: one reader feeds it.
 */
public final class ArrivingReply {

    private static final byte[] RESULT_NAME = "\"result\":".getBytes(StandardCharsets.US_ASCII);
    /** A held piece is not rescanned before this many bytes wait, nor before it has doubled. */
    private static final int MIN_RETRY_BYTES = 4096;

    /** Where a reply spelled as Go spells it begins its result, and the id dlv gave it. */
    public record Head(long id, int resultStart) {

        /** The head of {@code bytes[0, length)}, or null when it is not spelled {@code {"id":N,"result":}. */
        public static @Nullable Head read(byte[] bytes, int length) {
            long id = ReplyIdPrefix.read(bytes, length);
            if (id == ReplyIdPrefix.UNREAD) {
                return null;
            }
            int comma = 0;
            while (bytes[comma] != ',') {
                if (bytes[comma] == '}') {
                    return null; // {"id":N}: no result follows
                }
                comma++;
            }
            int name = comma + 1;
            if (name + RESULT_NAME.length > length
                    || !Arrays.equals(bytes, name, name + RESULT_NAME.length, RESULT_NAME, 0, RESULT_NAME.length)) {
                return null;
            }
            int value = JsonBytes.skipWhitespace(bytes, name + RESULT_NAME.length, length);
            return value < length ? new Head(id, value) : null;
        }
    }

    private final StreamingJsonMasker masker;
    private final UnaryOperator<String> maskError;
    private final ByteArrayOutputStream out;
    private final StreamingJsonMasker.Progress result = new StreamingJsonMasker.Progress();
    /** Received, not yet copied: the piece the masker stopped before, or, once the result has ended, the rest. */
    private byte[] held = new byte[MIN_RETRY_BYTES];
    private int heldSize;
    private int retryAt;

    /** Starts the client's reply in {@code out}: its id is {@code clientId}. */
    public ArrivingReply(JsonNode clientId, StreamingJsonMasker masker, UnaryOperator<String> maskError,
                         ByteArrayOutputStream out) {
        this.masker = masker;
        this.maskError = maskError;
        this.out = out;
        RpcCodec.writeReplyHead(clientId, out);
    }

    /**
     * The reply's next bytes, from its result's first byte ({@link Head#resultStart()}) on.
     *
     * @throws FramingException when the bytes are not a value the masker can vouch for
     */
    public void feed(byte[] bytes, int from, int length) {
        if (result.complete()) {
            hold(bytes, from, length);
            return;
        }
        int at = from;
        int end = from + length;
        if (heldSize > 0) {
            at = finishHeldPiece(bytes, from, end);
            if (heldSize > 0 || result.complete()) {
                return;
            }
        }
        int stop = masker.copyPart(bytes, at, end, true, out, result);
        hold(bytes, stop, end - stop);
        retryAt = nextRetry();
    }

    /**
     * Completes the held piece with as few of the new bytes as it takes, so a read is not copied
     * whole only because the read before ended inside a string: a window of them joins the piece,
     * and once the masker has passed the piece the rest of the read is masked where it lies.
     *
     * @return where in {@code bytes} masking goes on when nothing is held any more
     */
    private int finishHeldPiece(byte[] bytes, int from, int end) {
        int piece = heldSize;
        int window = Math.min(end - from, Math.max(MIN_RETRY_BYTES, retryAt - piece));
        hold(bytes, from, window);
        if (heldSize < retryAt) {
            return end; // a read this small was held whole; the piece is tried again once enough waits
        }
        int stop = masker.copyPart(held, 0, heldSize, true, out, result);
        if (stop >= piece && !result.complete()) { // past the piece: the rest of the read is where it lies
            heldSize = 0;
            return from + (stop - piece);
        }
        System.arraycopy(held, stop, held, 0, heldSize - stop);
        heldSize -= stop;
        hold(bytes, from + window, end - from - window);
        retryAt = nextRetry();
        return end;
    }

    /**
     * The reply has ended (dlv's newline): the rest is read and the client's reply completed.
     *
     * @return dlv's error, masked, if any
     * @throws FramingException when the reply does not end as a reply must
     */
    public @Nullable String finish() {
        // Without more to come, the result must end within what is held, or copyPart refuses it.
        int tailStart = result.complete() ? 0 : masker.copyPart(held, 0, heldSize, false, out, result);
        byte[] tail = Arrays.copyOfRange(held, tailStart, heldSize);
        heldSize = 0;
        return RpcCodec.finishReply(tail, RpcCodec.nextMember(tail, 0, tail.length), true, masker, maskError, out);
    }

    /** Doubling: a string of n bytes arriving in small reads is scanned O(log n) times, not once per read. */
    private int nextRetry() {
        return result.complete() ? Integer.MAX_VALUE : Math.max(MIN_RETRY_BYTES, 2 * heldSize);
    }

    private void hold(byte[] bytes, int from, int length) {
        if (heldSize + length > held.length) {
            held = Arrays.copyOf(held, Math.max(2 * held.length, heldSize + length));
        }
        System.arraycopy(bytes, from, held, heldSize, length);
        heldSize += length;
    }
}
