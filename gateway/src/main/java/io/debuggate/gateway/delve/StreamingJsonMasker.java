package io.debuggate.gateway.delve;

import io.debuggate.policies.masking.MaskingEngine;
import io.debuggate.policies.masking.MaskingPolicy;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Masks the strings of a Delve reply that carries no {@code Variable} (goroutine and thread lists,
 * locations, functions) by copying its bytes: only a string that masking changes, and the value of
 * a redacted field, are written anew; everything else is copied as dlv sent it. A 10 000-goroutine
 * list is 8 MB of mostly numbers, file names and plain keys, and re-tokenizing it through a JSON
 * parser and generator cost about ten times the masking itself.
 *
 * <p>String boundaries are found exactly as {@link JsonMessageSplitter} found them when it framed
 * the message (a quote not preceded by an unescaped backslash), so both agree on what is inside a
 * string. Outside strings only JSON's structural characters, whitespace, number characters and
 * the letters of {@code true}/{@code false}/{@code null} may occur; anything else is refused, so
 * no free text can pass unmasked between strings. Not thread-safe: one per connection's relay.
 */
public final class StreamingJsonMasker {

    private static final int MAX_REMEMBERED_KEYS = 4096;
    private static final boolean[] ALLOWED_OUTSIDE_STRINGS = new boolean[256];

    static {
        for (char c : " \t\r\n{}[]:,-+.0123456789eEtrufalsn".toCharArray()) {
            ALLOWED_OUTSIDE_STRINGS[c] = true;
        }
    }

    private final MaskingEngine engine;
    /** Keys that mask to themselves, with whether their value is redacted; such keys are judged once. */
    private final Map<String, Boolean> plainKeys = new HashMap<>();

    public StreamingJsonMasker(MaskingEngine engine) {
        this.engine = engine;
    }

    /**
     * Copies the JSON value in {@code json[from, to)} to {@code out} with every string masked, keys
     * included, and the values of redacted fields replaced.
     *
     * @throws FramingException when the bytes are not a JSON value this masker can vouch for
     */
    public void copy(byte[] json, int from, int to, ByteArrayOutputStream out) {
        int copiedUpTo = from;
        int i = from;
        while (i < to) {
            byte b = json[i];
            if (b != '"') {
                if (!ALLOWED_OUTSIDE_STRINGS[b & 0xff]) {
                    throw new FramingException("dlv sent a reply with " + JsonBytes.describe(b) + " outside a string at offset " + i);
                }
                i++;
                continue;
            }
            int close = JsonBytes.closingQuote(json, i + 1, to);
            int next = JsonBytes.skipWhitespace(json, close + 1, to);
            boolean key = next < to && json[next] == ':';
            String text = JsonBytes.decode(json, i + 1, close);
            if (!key) {
                String masked = engine.mask(text);
                if (!masked.equals(text)) {
                    out.write(json, copiedUpTo, i - copiedUpTo);
                    JsonBytes.writeString(masked, out);
                    copiedUpTo = close + 1;
                }
                i = close + 1;
                continue;
            }
            Boolean redacts = plainKeys.get(text);
            if (redacts == null) {
                String masked = engine.mask(text);
                redacts = engine.redactsField(text);
                if (masked.equals(text)) {
                    if (plainKeys.size() < MAX_REMEMBERED_KEYS) {
                        plainKeys.put(text, redacts);
                    }
                } else {
                    out.write(json, copiedUpTo, i - copiedUpTo);
                    JsonBytes.writeString(masked, out);
                    copiedUpTo = close + 1;
                }
            }
            i = next + 1; // past the ':'
            if (redacts) {
                int valueStart = JsonBytes.skipWhitespace(json, i, to);
                int valueEnd = JsonBytes.endOfValue(json, valueStart, to);
                out.write(json, copiedUpTo, valueStart - copiedUpTo);
                boolean isNull = valueEnd - valueStart == 4 && json[valueStart] == 'n';
                if (isNull) {
                    out.write(json, valueStart, 4);
                } else {
                    JsonBytes.writeString(MaskingPolicy.FIELD_REDACTION, out);
                }
                copiedUpTo = valueEnd;
                i = valueEnd;
            }
        }
        out.write(json, copiedUpTo, to - copiedUpTo);
    }
}
