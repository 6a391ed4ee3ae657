package io.debuggate.gateway.delve;

import io.debuggate.policies.masking.MaskingEngine;
import io.debuggate.policies.masking.MaskingPolicy;
import java.io.ByteArrayOutputStream;

/**
 * Masks the strings of a Delve reply that carries no {@code Variable} (goroutine and thread lists,
 * locations, functions) by copying its bytes: only a string that masking changes, and the value of
 * a redacted field, are written anew; everything else is copied as dlv sent it. A 10 000-goroutine
 * list is 8 MB of mostly numbers, file names and plain keys, and re-tokenizing it through a JSON
 * parser and generator took three to five times as long as this copy.
 *
 * <p>The masker finds string boundaries itself (a quote not escaped by a backslash, as
 * {@link JsonMessageSplitter} finds them) and trusts nothing about how the message was framed.
 * Outside strings only JSON's structural characters, whitespace, number characters and the
 * letters of {@code true}/{@code false}/{@code null} may occur; anything else is refused, so no
 * free text can pass unmasked between strings. Not thread-safe: one per connection's relay.
 */
public final class StreamingJsonMasker {

    /** What a byte outside strings is (0: refused); most of a goroutine list is {@link #PLAIN}: digits, ':' and literals. */
    private static final byte[] CLASS = new byte[256];
    private static final byte PLAIN = 1;
    private static final byte QUOTE = 2;
    private static final byte OPEN = 3;
    private static final byte CLOSE = 4;
    private static final byte SEPARATOR = 5;

    static {
        for (char c : "-+.0123456789eEtrufalsn:".toCharArray()) {
            CLASS[c] = PLAIN;
        }
        for (char c : " \t\r\n,".toCharArray()) {
            CLASS[c] = SEPARATOR;
        }
        CLASS['"'] = QUOTE;
        CLASS['{'] = OPEN;
        CLASS['['] = OPEN;
        CLASS['}'] = CLOSE;
        CLASS[']'] = CLOSE;
    }

    private static final int REDACTED = 1;
    private static final int NOT_REDACTED = 0;

    private final MaskingEngine engine;
    /** Keys that mask to themselves, with whether their value is redacted: such keys are judged once. */
    private final PlainStrings plainKeys = new PlainStrings();
    /** String values that mask to themselves (file and function names, mostly). */
    private final PlainStrings plainValues = new PlainStrings();

    public StreamingJsonMasker(MaskingEngine engine) {
        this.engine = engine;
    }

    /**
     * Copies the one JSON value that starts at {@code start} to {@code out} with every string
     * masked, keys included, and the values of redacted fields replaced.
     *
     * @return where the value ends (exclusive)
     * @throws FramingException when the bytes are not a JSON value this masker can vouch for
     */
    public int copyValue(byte[] json, int start, int limit, ByteArrayOutputStream out) {
        return copyPart(json, start, limit, false, out, new Progress());
    }

    /**
     * Where a value copied in parts stands between two calls of {@link #copyPart}: its nesting
     * depth, and whether it has ended. Every part ends before a string, a key or a top-level literal
     * that the part does not hold whole, so nothing else needs remembering.
     */
    public static final class Progress {
        private int depth;
        private boolean complete;

        /** Whether the value has ended; the last {@link #copyPart} returned its end. */
        public boolean complete() {
            return complete;
        }
    }

    /**
     * Copies as much of a value as {@code json[from, limit)} holds, continuing where
     * {@code progress} stands. With {@code more}, bytes after {@code limit} are still to come: a
     * string, a key (which needs the {@code ':'} after it seen), a redacted field's value or a
     * top-level number cut by {@code limit} is left uncopied, and the caller offers it again with
     * what follows. Without {@code more}, the value must end by {@code limit}, exactly as
     * {@link #copyValue} requires. The copy of a value in parts is byte for byte the copy of it
     * whole, whatever the parts.
     *
     * @return where copying stopped: the value's end if {@code progress} is now complete, else the
     *         first byte not copied
     * @throws FramingException when the bytes are not a JSON value this masker can vouch for
     */
    public int copyPart(byte[] json, int from, int limit, boolean more, ByteArrayOutputStream out, Progress progress) {
        int copiedUpTo = from;
        int depth = progress.depth;
        int i = from;
        boolean complete = false;
        while (i < limit) {
            byte kind = CLASS[json[i] & 0xff];
            if (kind == PLAIN) {
                i++;
                continue;
            }
            if (kind != QUOTE) {
                if (kind == OPEN) {
                    depth++;
                } else if (kind == CLOSE) {
                    if (depth == 0) {
                        complete = true;
                        break; // closes what holds a top-level number or literal
                    }
                    if (--depth == 0) {
                        i++;
                        complete = true;
                        break;
                    }
                } else if (kind == SEPARATOR) {
                    if (depth == 0 && i > from) {
                        complete = true;
                        break; // the end of a top-level number or literal
                    }
                } else {
                    throw new FramingException("dlv sent a reply with " + JsonBytes.describe(json[i])
                            + " outside a string at offset " + i);
                }
                i++;
                continue;
            }
            int close = more ? JsonBytes.findClosingQuote(json, i + 1, limit) : JsonBytes.closingQuote(json, i + 1, limit);
            int next = close < 0 ? limit : JsonBytes.skipWhitespace(json, close + 1, limit);
            if (more && (close < 0 || depth > 0 && next == limit)) {
                break; // the string, or what tells a key from a value, is still to come
            }
            boolean key = depth > 0 && next < limit && json[next] == ':';
            if (!key) {
                if (plainValues.verdict(json, i + 1, close) < 0
                        && rewritten(json, i, close, JsonBytes.decode(json, i + 1, close), NOT_REDACTED, plainValues, copiedUpTo, out)) {
                    copiedUpTo = close + 1;
                }
                i = close + 1;
                if (depth == 0) {
                    complete = true;
                    break;
                }
                continue;
            }
            int verdict = plainKeys.verdict(json, i + 1, close);
            String text = null;
            if (verdict < 0) {
                text = JsonBytes.decode(json, i + 1, close);
                verdict = engine.redactsField(text) ? REDACTED : NOT_REDACTED;
            }
            int valueStart = -1;
            int valueEnd = -1;
            if (verdict == REDACTED) {
                valueStart = JsonBytes.skipWhitespace(json, next + 1, limit);
                valueEnd = more ? JsonBytes.endOfValueIfWhole(json, valueStart, limit) : JsonBytes.endOfValue(json, valueStart, limit);
                if (valueEnd < 0) {
                    break; // the key waits with its value: nothing of either is written yet
                }
            }
            if (text != null && rewritten(json, i, close, text, verdict, plainKeys, copiedUpTo, out)) {
                copiedUpTo = close + 1;
            }
            i = next + 1; // past the ':'
            if (verdict == REDACTED) {
                out.write(json, copiedUpTo, valueStart - copiedUpTo);
                if (JsonBytes.isNull(json, valueStart, valueEnd)) {
                    out.write(json, valueStart, 4);
                } else {
                    JsonBytes.writeString(MaskingPolicy.FIELD_REDACTION, out);
                }
                copiedUpTo = valueEnd;
                i = valueEnd;
            }
        }
        if (!complete && more) {
            if (depth == 0) {
                i = from; // a top-level number or literal, not yet whole
            }
            out.write(json, copiedUpTo, i - copiedUpTo);
            progress.depth = depth;
            return i;
        }
        if (depth > 0) {
            throw new FramingException("dlv sent a reply that ends inside an object or array");
        }
        out.write(json, copiedUpTo, i - copiedUpTo);
        progress.depth = 0;
        progress.complete = true;
        return i;
    }

    /**
     * Masks a string (key or value) met for the first time. Unchanged, it is remembered in
     * {@code plain} with {@code verdict} and left to the byte copy; changed, everything up to its
     * opening quote is copied and the masked text written in its place.
     *
     * @return whether it was written anew, so copying resumes after its closing quote
     */
    private boolean rewritten(byte[] json, int quote, int close, String text, int verdict, PlainStrings plain,
                              int copiedUpTo, ByteArrayOutputStream out) {
        String masked = engine.mask(text);
        if (masked.equals(text)) {
            plain.remember(json, quote + 1, close, verdict);
            return false;
        }
        out.write(json, copiedUpTo, quote - copiedUpTo);
        JsonBytes.writeString(masked, out);
        return true;
    }
}
