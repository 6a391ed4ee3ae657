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
        int copiedUpTo = start;
        int depth = 0;
        int i = start;
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
                        break; // closes what holds a top-level number or literal
                    }
                    if (--depth == 0) {
                        i++;
                        break;
                    }
                } else if (kind == SEPARATOR) {
                    if (depth == 0 && i > start) {
                        break; // the end of a top-level number or literal
                    }
                } else {
                    throw new FramingException("dlv sent a reply with " + JsonBytes.describe(json[i])
                            + " outside a string at offset " + i);
                }
                i++;
                continue;
            }
            int close = JsonBytes.closingQuote(json, i + 1, limit);
            int next = JsonBytes.skipWhitespace(json, close + 1, limit);
            boolean key = depth > 0 && next < limit && json[next] == ':';
            if (!key) {
                if (plainValues.verdict(json, i + 1, close) < 0
                        && rewritten(json, i, close, JsonBytes.decode(json, i + 1, close), NOT_REDACTED, plainValues, copiedUpTo, out)) {
                    copiedUpTo = close + 1;
                }
                i = close + 1;
                if (depth == 0) {
                    break;
                }
                continue;
            }
            int verdict = plainKeys.verdict(json, i + 1, close);
            if (verdict < 0) {
                String text = JsonBytes.decode(json, i + 1, close);
                verdict = engine.redactsField(text) ? REDACTED : NOT_REDACTED;
                if (rewritten(json, i, close, text, verdict, plainKeys, copiedUpTo, out)) {
                    copiedUpTo = close + 1;
                }
            }
            i = next + 1; // past the ':'
            if (verdict == REDACTED) {
                int valueStart = JsonBytes.skipWhitespace(json, i, limit);
                int valueEnd = JsonBytes.endOfValue(json, valueStart, limit);
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
        if (depth > 0) {
            throw new FramingException("dlv sent a reply that ends inside an object or array");
        }
        out.write(json, copiedUpTo, i - copiedUpTo);
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
