package io.debuggate.policies.masking;

import static io.debuggate.policies.masking.ByteClass.atBits;
import static io.debuggate.policies.masking.ByteClass.digitBits;
import static io.debuggate.policies.masking.ByteClass.gather;
import static io.debuggate.policies.masking.ByteClass.isDigit;
import static io.debuggate.policies.masking.ByteClass.word;
import static io.debuggate.policies.masking.CandidateFilter.gluedRun;
import static io.debuggate.policies.masking.CandidateFilter.mayStartCandidate;

/**
 * The scanner's skip loop: finds the next place where exact scanning has to look, 64 bytes per
 * step. Most text (words, hex addresses, dates, short numbers, timestamps) holds nothing a detector
 * could match, and the finder passes over it with no branch per byte.
 *
 * <p>For each block of 64 bytes it builds a bitmap of digits (eight bytes at a time, see
 * {@link ByteClass#digitBits}) and of '@', then finds with a few shifts the digit runs that
 * {@link CandidateFilter#mayStartCandidate} could accept, judged on digits alone: runs of eleven
 * digits or more, and runs of exactly four followed by a separator and four digits or preceded by a
 * digit and a separator. Only those, and every '@', are checked one by one. Every digit-based match
 * (IPv4 aside) holds such a run, starting where the match is judged or one short group after it
 * ({@link CandidateFilter#shortGroupBefore}), and every position is looked at whatever its alignment.
 *
 * <p>Stops depend on the bytes alone, not on what the scanner found, so one finder serves a whole
 * scan: each block is classified once however often exact scanning takes over in between.
 */
final class CandidateFinder {

    private static final int BLOCK = 64;

    private final byte[] a;
    private final int to;
    private final boolean digits;
    private final boolean email;
    /** Start of the current block; digit maps of the previous, current and next block; '@' maps; stops. */
    private int base;
    private long prev;
    private long d;
    private long dn;
    private long at;
    private long atn;
    private long stops;

    /** A finder over {@code a[from..to)}; bytes at or after {@code to} are never read. */
    CandidateFinder(byte[] a, int from, int to, boolean digits, boolean email) {
        this.a = a;
        this.to = to;
        this.digits = digits;
        this.email = email;
        this.base = from;
        // Digits among the two bytes before the first block, in bits 62 and 63.
        this.prev = (from >= 1 && isDigit(a[from - 1]) ? 1L << 63 : 0) | (from >= 2 && isDigit(a[from - 2]) ? 1L << 62 : 0);
        classifyNext(from);
        this.d = dn;
        this.at = atn;
        classifyNext(from + BLOCK);
        this.stops = stops();
    }

    /**
     * The first position at or after {@code from} holding '@' (with {@code email}) or starting a digit
     * run that may be a candidate (with {@code digits}), or {@code to}. Calls must not go backwards.
     * A run that began before the finder's start is no stop: it was judged as a whole where it started.
     */
    int next(int from) {
        while (base < to) {
            if (from < base + BLOCK) {
                long s = from <= base ? stops : stops & (-1L << (from - base));
                while (s != 0) {
                    int p = base + Long.numberOfTrailingZeros(s);
                    if (a[p] == '@' || candidateRun(p)) {
                        return p;
                    }
                    s &= s - 1;
                }
            }
            base += BLOCK;
            prev = d;
            d = dn;
            at = atn;
            classifyNext(base + BLOCK);
            stops = stops();
        }
        return to;
    }

    /** The possible stops in the current block, from the digit maps and, with e-mail on, the '@' positions. */
    private long stops() {
        long s = 0;
        if (digits) {
            // Bit p of rN: the N bytes from p on are all digits (the next block's bits shifted in).
            long r4 = d & shr(d, dn, 1) & shr(d, dn, 2) & shr(d, dn, 3);
            long r4n = dn & (dn >>> 1) & (dn >>> 2) & (dn >>> 3);
            long start = d & ~((d << 1) | (prev >>> 63));
            long runOf4 = start & r4 & ~shr(d, dn, 4);
            s = (start & r4 & shr(r4, r4n, 4) & shr(r4, r4n, 7))
                    | (runOf4 & shr(r4, r4n, 5))
                    | (runOf4 & ((d << 2) | (prev >>> 62)));
        }
        return s | at;
    }

    /** Bits {@code k..k+63} of the 128-bit value {@code hi:lo}, for {@code 0 < k < 64}. */
    private static long shr(long lo, long hi, int k) {
        return (lo >>> k) | (hi << (64 - k));
    }

    /**
     * Sets {@link #dn} and {@link #atn}: bit k set when {@code a[b + k]} is a digit or (with e-mail
     * on) '@', for the positions before {@code to}. Each word is loaded once for both; '@' is rare,
     * so its positions are only gathered in a block that has one.
     */
    private void classifyNext(int b) {
        long m = 0;
        long any = 0;
        if (b + BLOCK <= to) {
            for (int k = 0; k < BLOCK; k += 8) {
                long x = word(a, b + k);
                m |= gather(digitBits(x)) << k;
                any |= atBits(x);
            }
        } else {
            for (int p = b; p < to; p++) {
                if (isDigit(a[p])) {
                    m |= 1L << (p - b);
                }
            }
            any = 1;
        }
        dn = m;
        atn = email && any != 0 ? atPositions(b) : 0;
    }

    private long atPositions(int b) {
        long m = 0;
        for (int p = b; p < Math.min(b + BLOCK, to); p++) {
            if (a[p] == '@') {
                m |= 1L << (p - b);
            }
        }
        return m;
    }

    /** Whether the maximal digit run starting at {@code l} may start a candidate (exactly, not on digits alone). */
    private boolean candidateRun(int l) {
        int r = l + 1;
        while (r < to && isDigit(a[r])) {
            r++;
        }
        return r - l >= 4 && mayStartCandidate(a, l, r, to) && !gluedRun(a, l, r, to);
    }
}
