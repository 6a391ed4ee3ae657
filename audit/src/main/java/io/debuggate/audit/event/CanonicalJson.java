package io.debuggate.audit.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The one byte form of an event that hashes are computed over: UTF-8, object keys sorted by
 * {@link String#compareTo}, no whitespace, strings escaped only where JSON requires it (quote,
 * backslash, control characters), integers as written, other numbers as
 * {@link Double#toString(double)}. The encoder writes events from Java values in this form and the
 * verifier re-writes parsed documents in it; writing a parsed canonical document gives back the
 * same bytes, which is what lets anyone recompute a hash from what Elasticsearch returns.
 *
 * <p>Hand-written on bytes rather than a configured Jackson generator: it runs on the path of
 * every audited call.
 */
public final class CanonicalJson {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buffer;
    private int length;

    public CanonicalJson(int capacity) {
        buffer = new byte[capacity];
    }

    /** Canonical bytes of a parsed document. */
    public static byte[] bytes(JsonNode node) {
        CanonicalJson out = new CanonicalJson(1024);
        out.node(node);
        return out.toByteArray();
    }

    /** Appends raw bytes that are already canonical JSON (a prepared part of an event). */
    public CanonicalJson raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    public int length() {
        return length;
    }

    public void reset() {
        length = 0;
    }

    /** Writes a parsed JSON tree. */
    public CanonicalJson node(JsonNode node) {
        if (node.isObject()) {
            int size = node.size();
            @SuppressWarnings("unchecked")
            Map.Entry<String, JsonNode>[] fields = node.properties().toArray(new Map.Entry[size]);
            if (size > 1) {
                Arrays.sort(fields, Map.Entry.comparingByKey());
            }
            put('{');
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    put(',');
                }
                string(fields[i].getKey()).put(':').node(fields[i].getValue());
            }
            put('}');
        } else if (node.isArray()) {
            put('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    put(',');
                }
                node(node.get(i));
            }
            put(']');
        } else if (node.isString()) {
            string(node.stringValue());
        } else if (node.isIntegralNumber()) {
            ascii(node.canConvertToLong() ? Long.toString(node.longValue()) : node.bigIntegerValue().toString());
        } else if (node.isNumber()) {
            decimal(node.doubleValue());
        } else if (node.isBoolean()) {
            ascii(node.booleanValue() ? "true" : "false");
        } else if (node.isNull() || node.isMissingNode()) {
            ascii("null");
        } else {
            string(node.asString());
        }
        return this;
    }

    /**
     * Writes a Java value the way its parsed JSON would be written by {@link #node}: maps (keys
     * sorted), collections, strings, integers, other numbers as doubles, booleans, null; anything
     * else as its string form.
     */
    public CanonicalJson value(@Nullable Object value) {
        switch (value) {
            case null -> ascii("null");
            case String text -> string(text);
            case Boolean flag -> ascii(flag ? "true" : "false");
            case Long number -> ascii(Long.toString(number));
            case Integer number -> ascii(Integer.toString(number));
            case Short number -> ascii(Short.toString(number));
            case Byte number -> ascii(Byte.toString(number));
            case BigInteger number -> ascii(number.toString());
            case Float number -> decimal(Double.parseDouble(Float.toString(number)));
            case BigDecimal number -> decimal(number.doubleValue());
            case Number number -> decimal(number.doubleValue());
            case Map<?, ?> map -> map(map);
            case Collection<?> list -> {
                put('[');
                boolean first = true;
                for (Object element : list) {
                    if (!first) {
                        put(',');
                    }
                    first = false;
                    value(element);
                }
                put(']');
            }
            default -> string(value.toString());
        }
        return this;
    }

    private void map(Map<?, ?> map) {
        Map.Entry<?, ?>[] entries = map.entrySet().toArray(new Map.Entry<?, ?>[0]);
        if (entries.length > 1) {
            Arrays.sort(entries, (a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
        }
        put('{');
        for (int k = 0; k < entries.length; k++) {
            if (k > 0) {
                put(',');
            }
            string(String.valueOf(entries[k].getKey())).put(':').value(entries[k].getValue());
        }
        put('}');
    }

    private void decimal(double value) {
        if (Double.isFinite(value)) {
            ascii(Double.toString(value));
        } else {
            string(Double.toString(value));
        }
    }

    /** A JSON string literal; only {@code "}, {@code \} and control characters are escaped. */
    public CanonicalJson string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int n = utf8.length;
        ensure(n * 6 + 2);
        byte[] out = buffer;
        int at = length;
        out[at++] = '"';
        int i = 0;
        // eight bytes at a time: clean words (the common case) are copied without a per-byte branch
        for (; i + 8 <= n; i += 8) {
            long word = (long) LONGS.get(utf8, i);
            if (!needsEscape(word)) {
                LONGS.set(out, at, word);
                at += 8;
                continue;
            }
            for (int k = i; k < i + 8; k++) {
                at = escapeByte(utf8[k], out, at);
            }
        }
        for (; i < n; i++) {
            at = escapeByte(utf8[i], out, at);
        }
        out[at++] = '"';
        length = at;
        return this;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** True if any byte of the word is below 0x20, a quote or a backslash (SWAR; UTF-8 high bytes never match). */
    private static boolean needsEscape(long word) {
        long control = (word - ONES * 0x20) & ~word & HIGHS;
        long quote = word ^ (ONES * '"');
        long backslash = word ^ (ONES * '\\');
        return (control | ((quote - ONES) & ~quote & HIGHS) | ((backslash - ONES) & ~backslash & HIGHS)) != 0;
    }

    private static int escapeByte(byte b, byte[] out, int at) {
        if (b < 0 || (b >= 0x20 && b != '"' && b != '\\')) {
            out[at] = b;
            return at + 1;
        }
        out[at++] = '\\';
        switch (b) {
            case '"' -> out[at++] = '"';
            case '\\' -> out[at++] = '\\';
            case '\n' -> out[at++] = 'n';
            case '\r' -> out[at++] = 'r';
            case '\t' -> out[at++] = 't';
            case '\b' -> out[at++] = 'b';
            case '\f' -> out[at++] = 'f';
            default -> {
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[b >> 4];
                out[at++] = HEX[b & 0xF];
            }
        }
        return at;
    }

    /** Text known to need no escaping (field punctuation, digits). */
    public CanonicalJson ascii(String text) {
        int count = text.length();
        ensure(count);
        for (int i = 0; i < count; i++) {
            buffer[length + i] = (byte) text.charAt(i);
        }
        length += count;
        return this;
    }

    public CanonicalJson put(char c) {
        ensure(1);
        buffer[length++] = (byte) c;
        return this;
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }
}
