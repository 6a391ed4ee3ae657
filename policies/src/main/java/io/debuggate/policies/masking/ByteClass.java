package io.debuggate.policies.masking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** What the scanner needs to know about a byte, and its byte views of text. */
final class ByteClass {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static final long HIGH = 0x8080808080808080L;
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;

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

    /** Eight bytes {@code a[i..i+8)}, the first in the lowest bits. */
    static long word(byte[] a, int i) {
        return (long) LONGS.get(a, i);
    }

    /**
     * The high bit of each byte of {@code x} that is an ASCII digit (and no other bit). Computed per
     * byte without carries between bytes: the low seven bits plus 0x50 reach 0x80 from '0' on, plus
     * 0x46 from ':' on, and bytes with the high bit set are never digits.
     */
    static long digitBits(long x) {
        long t = x & LOW7;
        return (t + 0x5050505050505050L) & ~(t + 0x4646464646464646L) & ~x & HIGH;
    }

    /**
     * The eight high bits of {@code bits} (as {@link #digitBits} returns them) gathered into the low
     * eight bits, byte k to bit k: the multiplier moves each high bit to its own place in the top byte.
     */
    static long gather(long bits) {
        return ((bits >>> 7) * 0x0102040810204080L) >>> 56;
    }

    /** The high bit of each byte of {@code x} that is '@': a zero byte after XOR, found without carries. */
    static long atBits(long x) {
        long y = x ^ 0x4040404040404040L;
        return ~(((y & LOW7) + LOW7) | y) & HIGH;
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
