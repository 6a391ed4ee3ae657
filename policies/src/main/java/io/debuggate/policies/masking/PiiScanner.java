package io.debuggate.policies.masking;

import static io.debuggate.policies.masking.ByteClass.isDigit;
import static io.debuggate.policies.masking.ByteClass.isLocal;
import static io.debuggate.policies.masking.ByteClass.isWord;
import static io.debuggate.policies.masking.CandidateFilter.shortGroupBefore;
import static io.debuggate.policies.masking.EmailSyntax.MAX_LOCAL_PART;
import static io.debuggate.policies.masking.EmailSyntax.emailCovers;
import static io.debuggate.policies.masking.EmailSyntax.emailEnd;
import static io.debuggate.policies.masking.EmailSyntax.emailStart;
import static io.debuggate.policies.masking.NumberShapes.continuesNumber;
import static io.debuggate.policies.masking.NumberShapes.isMobileAt;
import static io.debuggate.policies.masking.NumberShapes.issuerPrefix;
import static io.debuggate.policies.masking.NumberShapes.plainMobileStart;
import static io.debuggate.policies.masking.NumberShapes.plus86Before;

/**
 * The single-pass scanner behind {@link MaskingEngine}. It walks the text once, stops only at digit
 * runs that may start a candidate and at '@' (see {@link CandidateFinder}), and validates each
 * candidate (check character, Luhn, date, issuer prefix) instead of trusting its shape.
 *
 * <p>Every decision about a digit run depends only on a bounded window around it (the run itself, at
 * most {@value #MAX_LOOKBEHIND} chars before and {@value #MAX_LOOKAHEAD} after); that is what lets
 * {@link MaskingWriter} cut a stream into chunks and still produce exactly the one-shot result.
 *
 * <p>Boundary rules that keep false positives down: a number glued to a letter, a digit or '*'
 * (hex addresses {@code 0xc00004df98}, ids {@code a1b2...}, masked text) is not a candidate; a digit
 * run longer than the candidate (order ids, nanosecond timestamps) never matches a shorter detector.
 * Rules look only at the neighbouring char, never past a separator at a neighbour that might itself
 * be masked, so masking masked text changes nothing.
 */
final class PiiScanner {

    static final int MAX_LOOKBEHIND = 70;
    static final int MAX_LOOKAHEAD = 330;

    private static final int ID = BuiltinDetector.CN_RESIDENT_ID.ordinal();
    private static final int MOBILE = BuiltinDetector.CN_MOBILE.ordinal();
    private static final int CARD = BuiltinDetector.BANK_CARD.ordinal();
    private static final int EMAIL = BuiltinDetector.EMAIL.ordinal();
    private static final int IPV4 = BuiltinDetector.IPV4.ordinal();

    private static final PiiScanner ALL = new PiiScanner(true, true, true, true, true);

    private final boolean id;
    private final boolean mobile;
    private final boolean card;
    private final boolean email;
    private final boolean ipv4;
    private final boolean digits;
    private final boolean skipping;

    PiiScanner(boolean id, boolean mobile, boolean card, boolean email, boolean ipv4) {
        this(id, mobile, card, email, ipv4, !ipv4);
    }

    /** With {@code skipping} false every position is scanned exactly: the reference the skip loop is tested against. */
    PiiScanner(boolean id, boolean mobile, boolean card, boolean email, boolean ipv4, boolean skipping) {
        this.id = id;
        this.mobile = mobile;
        this.card = card;
        this.email = email;
        this.ipv4 = ipv4;
        this.digits = id || mobile || card || ipv4;
        this.skipping = skipping && !ipv4;
    }

    /** Whether any built-in detector finds something in {@code text}. */
    static boolean findsAnything(String text) {
        Findings f = new Findings();
        ALL.scan(ByteClass.latin1(text), 0, text.length(), 0, f);
        return !f.isEmpty();
    }

    /**
     * Scans {@code a[from..to)}: UTF-8 bytes, or a {@link ByteClass#latin1} projection of chars. Bytes before
     * {@code from} are context only; no finding starts before {@code lastEnd} (the end of the previous
     * finding, which may lie in the context).
     *
     * <p>Between candidates {@link CandidateFinder} skips ahead to the next '@' or digit run that may
     * start one; exact scanning judges from there (or from the short group before it) and hands back
     * after one step. With IPv4 on, every position is scanned exactly: an address is made of runs of
     * one to three digits, which the skip loop does not stop at.
     */
    void scan(byte[] a, int from, int to, int lastEnd, Findings out) {
        int i = from;
        if (i > 0 && i < to && isDigit(a[i - 1])) {
            // Resuming inside a digit run that was judged as a whole where it started.
            while (i < to && isDigit(a[i])) {
                i++;
            }
        }
        int exactUntil = i;
        CandidateFinder finder = skipping && i < to ? new CandidateFinder(a, i, to, digits, email) : null;
        while (i < to) {
            if (finder != null && i >= exactUntil) {
                int stop = finder.next(i);
                if (stop >= to) {
                    break;
                }
                i = a[stop] == '@' ? stop : shortGroupBefore(a, stop, i);
                exactUntil = i + 1;
            }
            byte c = a[i];
            if (c == '@') {
                if (email) {
                    int st = emailStart(a, i, lastEnd);
                    int e = st >= 0 ? emailEnd(a, i, to) : -1;
                    if (e > 0) {
                        out.add(st, e, EMAIL);
                        lastEnd = e;
                        i = e;
                        continue;
                    }
                }
                i++;
                continue;
            }
            if (c > '9' || c < '0') {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < to && isDigit(a[j])) {
                j++;
            }
            if (digits) {
                int e = digitRun(a, i, j, to, lastEnd, out);
                if (e > 0) {
                    lastEnd = e;
                    i = e;
                    continue;
                }
            }
            i = j;
        }
    }

    /** Judges the maximal digit run {@code a[i..j)}; adds a finding and returns its end, or -1. */
    private int digitRun(byte[] a, int i, int j, int to, int lastEnd, Findings out) {
        int len = j - i;
        byte prev = i > 0 ? a[i - 1] : (byte) ' ';
        if (isWord(prev)) {
            return -1;
        }
        byte next = j < to ? a[j] : (byte) ' ';
        if (next == 'X' || next == 'x') {
            if (id && len == 17 && rightBoundary(a, j + 1, to) && ChineseResidentId.valid18(a, i)) {
                return emit(a, i, i, j + 1, to, lastEnd, ID, out);
            }
            return -1;
        }
        if (isWord(next)) {
            return -1;
        }
        if (next == '.') {
            if (ipv4 && len <= 3 && j + 1 < to && isDigit(a[j + 1])) {
                return ipv4(a, i, to, lastEnd, out);
            }
        } else if ((next == ' ' || next == '-') && j + 1 < to && isDigit(a[j + 1])) {
            if (len == 3 && mobile) {
                return groupedMobile(a, i, j, to, lastEnd, out);
            }
            if (len == 4 && card) {
                return groupedCard(a, i, j, to, lastEnd, out);
            }
        }
        if (len < 11 || len > 19) {
            return -1;
        }
        if (id && len == 18 && ChineseResidentId.valid18(a, i)) {
            return emit(a, i, i, j, to, lastEnd, ID, out);
        }
        if (id && len == 15 && ChineseResidentId.valid15(a, i)) {
            return emit(a, i, i, j, to, lastEnd, ID, out);
        }
        if (mobile) {
            int s = plainMobileStart(a, i, len, lastEnd);
            if (s >= 0) {
                return emit(a, s, i, j, to, lastEnd, MOBILE, out);
            }
        }
        if (card && len >= 13 && issuerPrefix(a, i, len) && Luhn.valid(a, i, j)) {
            return emit(a, i, i, j, to, lastEnd, CARD, out);
        }
        return -1;
    }

    /** {@code 138 1234 5678} / {@code 138-1234-5678}, optionally after {@code +86 }. */
    private int groupedMobile(byte[] a, int i, int j, int to, int lastEnd, Findings out) {
        byte sep = a[j];
        int e = j + 10;
        if (e > to || !isMobileAt(a, i) || continuesNumber(a, i, lastEnd)
                || !digits(a, j + 1, 4) || a[j + 5] != sep || !digits(a, j + 6, 4)) {
            return -1;
        }
        if (e < to && isDigit(a[e])) {
            return -1;
        }
        if (!rightBoundary(a, e, to)) {
            return -1;
        }
        return emit(a, plus86Before(a, i, lastEnd), i, e, to, lastEnd, MOBILE, out);
    }

    /**
     * Groups of four separated by one space or dash (the last group 1-4 digits), or Amex 4-6-5. Groups
     * are taken while they fit the pattern; a following group that does not fit ends the number
     * rather than voiding it, so the decision does not change when that group is masked on its own.
     */
    private int groupedCard(byte[] a, int i, int j, int to, int lastEnd, Findings out) {
        if (continuesNumber(a, i, lastEnd)) {
            return -1;
        }
        byte sep = a[j];
        int count = 1;
        int total = 4;
        int second = 0;
        boolean fours = true;
        int p = j;
        while (p + 1 < to && a[p] == sep && isDigit(a[p + 1])) {
            int q = p + 1;
            while (q < to && isDigit(a[q]) && q - p <= 7) {
                q++;
            }
            int g = q - p - 1;
            boolean fitsFours = fours && g <= 4 && total + g <= 19;
            boolean fitsAmex = (count == 1 && g == 6) || (count == 2 && second == 6 && g == 5);
            if (!(fitsFours || fitsAmex) || !groupEnd(a, p + 1, q, to, sep, lastEnd)) {
                break;
            }
            if (count == 1) {
                second = g;
            }
            fours = fitsFours && g == 4;
            count++;
            total += g;
            p = q;
        }
        boolean amex = count == 3 && second == 6 && total == 15;
        boolean grouped = count >= 4 && second == 4;
        if (!(grouped || amex) || total < 13 || !rightBoundary(a, p, to)) {
            return -1;
        }
        if (issuerPrefix(a, i, total) && Luhn.valid(a, i, p)) {
            return emit(a, i, i, p, to, lastEnd, CARD, out);
        }
        return groupedCardPrefix(a, i, j, p, to, lastEnd, out);
    }

    /**
     * A grouped number that is no card as a whole may still start with four groups of four that are
     * one ({@code 6222 5638 7277 7467 750}): the trailing group could as well be a separate number.
     * Judged without the trailing group, so the decision does not change when masking something
     * after it turns that group into a letter-glued one (masking must be idempotent).
     */
    private int groupedCardPrefix(byte[] a, int i, int j, int end, int to, int lastEnd, Findings out) {
        int p = j + 15; // after "dddd sddd dsdd ddsd ddd" = four groups of four and three separators
        if (p >= end || a[j] != a[j + 5] || a[j] != a[j + 10] || !digits(a, j + 1, 4) || !digits(a, j + 6, 4)
                || !digits(a, j + 11, 4) || a[p] != a[j]) {
            return -1;
        }
        if (!issuerPrefix(a, i, 16) || !Luhn.valid(a, i, p)) {
            return -1;
        }
        return emit(a, i, i, p, to, lastEnd, CARD, out);
    }

    /**
     * A group ends at the end, at the separator, or at any char that is not glue (letter, digit, '*',
     * '@'), unless the group opens the local part of an e-mail address: then it belongs to the address.
     */
    private boolean groupEnd(byte[] a, int groupStart, int q, int to, byte sep, int lastEnd) {
        if (q >= to) {
            return true;
        }
        byte c = a[q];
        if (c == sep) {
            return true;
        }
        if (isWord(c) || c == '@') {
            return false;
        }
        if (email && isLocal(c)) {
            int k = q;
            while (k < to && k - groupStart <= MAX_LOCAL_PART && isLocal(a[k])) {
                k++;
            }
            return !(k < to && a[k] == '@' && emailCovers(a, groupStart, k, to, lastEnd));
        }
        return true;
    }

    private int ipv4(byte[] a, int i, int to, int lastEnd, Findings out) {
        // Continuing a dotted or grouped number that is not masked itself: not an address start.
        if (i >= 2 && (a[i - 1] == '.' || a[i - 1] == ' ' || a[i - 1] == '-') && isDigit(a[i - 2]) && i - 2 >= lastEnd) {
            return -1;
        }
        int p = i;
        for (int k = 0; k < 4; k++) {
            int q = p;
            int v = 0;
            while (q < to && isDigit(a[q])) {
                if (q - p == 3) {
                    return -1;
                }
                v = v * 10 + (a[q] - '0');
                q++;
            }
            if (q == p || v > 255) {
                return -1;
            }
            p = q;
            if (k < 3) {
                if (p + 1 >= to || a[p] != '.' || !isDigit(a[p + 1])) {
                    return -1;
                }
                p++;
            }
        }
        if (!rightBoundary(a, p, to)) {
            return -1;
        }
        return emit(a, i, i, p, to, lastEnd, IPV4, out);
    }

    /**
     * What may follow a value: not a letter/digit/'*'. A '.' is a plain separator even before digits:
     * looking past it at a neighbour that may itself be masked would let a second pass decide
     * differently.
     */
    private static boolean rightBoundary(byte[] a, int e, int to) {
        return e >= to || !isWord(a[e]);
    }

    /**
     * Adds the finding {@code [s, e)} whose digits start at {@code i}, unless it opens the local part
     * of a valid e-mail address ({@code 13812345678.bob@example.com}): that is one address, masked as such.
     */
    private int emit(byte[] a, int s, int i, int e, int to, int lastEnd, int rule, Findings out) {
        if (email && e < to && (isLocal(a[e]) || a[e] == '@')) {
            int k = e;
            while (k < to && k - i <= MAX_LOCAL_PART && isLocal(a[k])) {
                k++;
            }
            if (k < to && a[k] == '@' && emailCovers(a, i, k, to, lastEnd)) {
                return -1;
            }
        }
        out.add(s, e, rule);
        return e;
    }

    private static boolean digits(byte[] a, int s, int n) {
        for (int k = s; k < s + n; k++) {
            if (!isDigit(a[k])) {
                return false;
            }
        }
        return true;
    }
}
