package io.debuggate.gateway.delve;

/**
 * Reads the id of a reply from its first bytes when they are spelled as Go's encoder spells them:
 * {@code {"id":N,} or {@code {"id":N}} with N a plain non-negative integer of up to 18 digits.
 * Every reply's id is looked up before it is relayed; a JSON parser made for the purpose cost a
 * tenth of the reply thread's time on a large reply (its buffer pool, not the few bytes it read).
 * Any other spelling is {@link #UNREAD}, and the caller asks the parser, so both agree on every
 * input.
 */
final class ReplyIdPrefix {

    /** Not the plain spelling: ask a parser. */
    static final long UNREAD = Long.MIN_VALUE;
    private static final byte[] PREFIX = {'{', '"', 'i', 'd', '"', ':'};
    private static final int MAX_DIGITS = 18; // below Long.MAX_VALUE's 19, so no overflow check

    private ReplyIdPrefix() {
    }

    static long read(byte[] message) {
        return read(message, message.length);
    }

    /** As {@link #read(byte[])}, for a message whose first {@code length} bytes are in {@code message}. */
    static long read(byte[] message, int length) {
        if (length <= PREFIX.length) {
            return UNREAD;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (message[i] != PREFIX[i]) {
                return UNREAD;
            }
        }
        int i = PREFIX.length;
        long id = 0;
        int digits = 0;
        while (i < length && message[i] >= '0' && message[i] <= '9') {
            if (++digits > MAX_DIGITS) {
                return UNREAD;
            }
            id = id * 10 + (message[i] - '0');
            i++;
        }
        boolean leadingZero = digits > 1 && message[PREFIX.length] == '0';
        if (digits == 0 || leadingZero || i == length || message[i] != ',' && message[i] != '}') {
            return UNREAD;
        }
        return id;
    }
}
