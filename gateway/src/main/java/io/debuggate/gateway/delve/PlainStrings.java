package io.debuggate.gateway.delve;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Byte sequences already judged, with a one-byte verdict: a fixed open-addressed table that is
 * looked up without building a {@code String}. A goroutine list repeats the same few hundred file
 * and function names thousands of times; judging each occurrence again (decode, then mask) was
 * most of the cost of masking it. Only short strings are kept, the table never grows, and a full
 * table simply stops remembering: a miss costs a judgement, never a wrong answer, because a hit
 * requires the exact bytes.
 */
final class PlainStrings {

    static final int MAX_LENGTH = 256;
    private static final int SLOTS = 1 << 13;
    private static final int MAX_ENTRIES = SLOTS / 2;
    private static final int PROBES = 8;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[][] entries = new byte[SLOTS][];
    private final byte[] verdicts = new byte[SLOTS];
    private int size;

    /** The verdict stored for exactly {@code bytes[from, to)}, or -1. */
    int verdict(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length > MAX_LENGTH) {
            return -1;
        }
        int slot = hash(bytes, from, length) & (SLOTS - 1);
        for (int p = 0; p < PROBES; p++, slot = (slot + 1) & (SLOTS - 1)) {
            byte[] entry = entries[slot];
            if (entry == null) {
                return -1;
            }
            if (entry.length == length && Arrays.equals(entry, 0, length, bytes, from, to)) {
                return verdicts[slot];
            }
        }
        return -1;
    }

    void remember(byte[] bytes, int from, int to, int verdict) {
        int length = to - from;
        if (length > MAX_LENGTH || size >= MAX_ENTRIES) {
            return;
        }
        int slot = hash(bytes, from, length) & (SLOTS - 1);
        for (int p = 0; p < PROBES; p++, slot = (slot + 1) & (SLOTS - 1)) {
            if (entries[slot] == null) {
                entries[slot] = Arrays.copyOfRange(bytes, from, to);
                verdicts[slot] = (byte) verdict;
                size++;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    /** Length and the first and last eight bytes: cheap, and names that share a prefix differ at the end. */
    private static int hash(byte[] bytes, int from, int length) {
        long h = length * 0x9E3779B97F4A7C15L;
        if (length >= 8) {
            h ^= (long) LONGS.get(bytes, from);
            h *= 0xBF58476D1CE4E5B9L;
            h ^= (long) LONGS.get(bytes, from + length - 8);
        } else {
            for (int k = 0; k < length; k++) {
                h = (h << 8) | (bytes[from + k] & 0xff);
            }
        }
        h *= 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 31));
    }
}
