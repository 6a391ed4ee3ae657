package io.debuggate.policies.masking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** What the scanner needs to know about a byte, and its byte views of text. */
final class ByteClass {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static final byte WORD = 1;
    static final byte LOCAL = 2;
    static final byte LABEL = 4;
    private static final byte[] CLASS = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            CLASS[c] = WORD | LOCAL | LABEL;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            CLASS[c] = WORD | LOCAL | LABEL;
            CLASS[c - 32] = WORD | LOCAL | LABEL;
        }
        CLASS['*'] = WORD;
        CLASS['-'] = LOCAL | LABEL;
        CLASS['.'] = LOCAL;
        CLASS['_'] = LOCAL;
        CLASS['%'] = LOCAL;
        CLASS['+'] = LOCAL;
    }

    private ByteClass() {
    }

    /**
     * The scanner's view of a string: one byte per char, chars above U+00FF as '?'. Offsets stay
     * char offsets, and every detector looks at ASCII only, so a '?' behaves exactly like the CJK
     * char it stands for (neither is a word, local-part or label char).
     */
    static byte[] latin1(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length == text.length()) {
            return b;
        }
        // The encoder turns a surrogate pair into one '?': fall back to one byte per char.
        b = new byte[text.length()];
        for (int k = 0; k < b.length; k++) {
            char c = text.charAt(k);
            b[k] = c < 256 ? (byte) c : (byte) '?';
        }
        return b;
    }

    /** The next '@' in {@code a[from..to)} or {@code to}: eight bytes per step (a zero byte after XOR with '@'). */
    static int at(byte[] a, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long t = (long) LONGS.get(a, i) ^ 0x4040404040404040L;
            long z = (t - 0x0101010101010101L) & ~t & 0x8080808080808080L;
            if (z != 0) {
                return i + (Long.numberOfTrailingZeros(z) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == '@') {
                return i;
            }
        }
        return to;
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Bytes at or above 0x80 (negative) are never word, local-part or label chars. */
    static boolean isWord(byte c) {
        return c >= 0 && (CLASS[c] & WORD) != 0;
    }

    static boolean isLocal(byte c) {
        return c >= 0 && (CLASS[c] & LOCAL) != 0;
    }

    static boolean isLabel(byte c) {
        return c >= 0 && (CLASS[c] & LABEL) != 0;
    }
}
