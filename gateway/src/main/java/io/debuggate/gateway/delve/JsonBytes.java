package io.debuggate.gateway.delve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Byte-level steps over one framed JSON message: string boundaries are found the way
 * {@link JsonMessageSplitter} finds them (a quote not escaped by a backslash), so every step agrees
 * on what is inside a string.
 */
final class JsonBytes {

    private JsonBytes() {
    }

    static int closingQuote(byte[] json, int from, int to) {
        int close = findClosingQuote(json, from, to);
        if (close < 0) {
            throw new FramingException("dlv sent a reply with an unterminated string");
        }
        return close;
    }

    /** The closing quote of the string whose text starts at {@code from}, or -1 when it does not end before {@code to}. */
    static int findClosingQuote(byte[] json, int from, int to) {
        for (int j = from; j < to; j++) {
            byte c = json[j];
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j;
            }
        }
        return -1;
    }

    static int skipWhitespace(byte[] json, int from, int to) {
        int j = from;
        while (j < to && (json[j] == ' ' || json[j] == '\n' || json[j] == '\r' || json[j] == '\t')) {
            j++;
        }
        return j;
    }

    /** The end (exclusive) of the value starting at {@code start}: a string, a container, or a number or literal. */
    static int endOfValue(byte[] json, int start, int to) {
        if (start >= to) {
            throw new FramingException("dlv sent a reply with a field that has no value");
        }
        byte first = json[start];
        if (first == '"') {
            return closingQuote(json, start + 1, to) + 1;
        }
        if (first == '{' || first == '[') {
            int end = endOfContainer(json, start, to);
            if (end < 0) {
                throw new FramingException("dlv sent a reply with an unclosed " + (char) first);
            }
            return end;
        }
        int j = start;
        while (j < to && json[j] != ',' && json[j] != '}' && json[j] != ']' && json[j] != ' ' && json[j] != '\n'
                && json[j] != '\r' && json[j] != '\t') {
            j++;
        }
        return j;
    }

    /**
     * As {@link #endOfValue}, for bytes that are not yet all there: -1 when the value may go on
     * past {@code to} (no value yet, an unclosed string or container, a number or literal that
     * touches {@code to}).
     */
    static int endOfValueIfWhole(byte[] json, int start, int to) {
        if (start >= to) {
            return -1;
        }
        byte first = json[start];
        if (first == '"') {
            int close = findClosingQuote(json, start + 1, to);
            return close < 0 ? -1 : close + 1;
        }
        if (first == '{' || first == '[') {
            return endOfContainer(json, start, to);
        }
        int end = endOfValue(json, start, to);
        return end < to ? end : -1;
    }

    /** The end (exclusive) of the object or array opening at {@code start}, or -1 when it does not close before {@code to}. */
    private static int endOfContainer(byte[] json, int start, int to) {
        int depth = 0;
        for (int j = start; j < to; j++) {
            byte c = json[j];
            if (c == '"') {
                j = findClosingQuote(json, j + 1, to);
                if (j < 0) {
                    return -1;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return j + 1;
            }
        }
        return -1;
    }

    /** The string's text; escapes are rare in Delve's output, so the plain case decodes in one step. */
    static String decode(byte[] json, int from, int to) {
        int backslash = -1;
        for (int j = from; j < to; j++) {
            if (json[j] == '\\') {
                backslash = j;
                break;
            }
        }
        if (backslash < 0) {
            return new String(json, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(to - from);
        int plainFrom = from;
        int j = backslash;
        while (j < to) {
            if (json[j] != '\\') {
                j++;
                continue;
            }
            text.append(new String(json, plainFrom, j - plainFrom, StandardCharsets.UTF_8));
            if (j + 1 >= to) {
                throw new FramingException("dlv sent a reply with a string ending in a lone backslash");
            }
            byte e = json[j + 1];
            switch (e) {
                case '"', '\\', '/' -> text.append((char) e);
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    if (j + 6 > to) {
                        throw new FramingException("dlv sent a reply with a truncated \\u escape");
                    }
                    try {
                        text.append((char) Integer.parseInt(new String(json, j + 2, 4, StandardCharsets.US_ASCII), 16));
                    } catch (NumberFormatException ex) {
                        throw new FramingException("dlv sent a reply with a malformed \\u escape");
                    }
                    j += 4;
                }
                default -> throw new FramingException("dlv sent a reply with an unknown escape \\" + (char) e);
            }
            j += 2;
            plainFrom = j;
        }
        text.append(new String(json, plainFrom, to - plainFrom, StandardCharsets.UTF_8));
        return text.toString();
    }

    /** Writes {@code text} as a JSON string in UTF-8, escaped as Jackson escapes it. */
    static void writeString(String text, ByteArrayOutputStream out) {
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(text));
        out.write('"');
    }

    /** Whether {@code json[from, to)} is the literal {@code null}. */
    static boolean isNull(byte[] json, int from, int to) {
        return to - from == 4 && json[from] == 'n' && json[from + 1] == 'u' && json[from + 2] == 'l' && json[from + 3] == 'l';
    }

    static String describe(byte b) {
        int v = b & 0xff;
        return v >= 0x20 && v < 0x7f ? "'" + (char) v + "'" : String.format("byte 0x%02x", v);
    }
}
