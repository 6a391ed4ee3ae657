package io.debuggate.policies.masking;

import static io.debuggate.policies.masking.ByteClass.isDigit;
import static io.debuggate.policies.masking.ByteClass.isWord;

/**
 * Cheap tests the scanner's skip loop uses to pass over digit runs without judging them exactly.
 * Each one only ever rejects runs that {@link PiiScanner} would reject too.
 */
final class CandidateFilter {

    private CandidateFilter() {
    }

    /**
     * A run glued to a letter or '*' on the left, or to a letter other than the resident id's X on
     * the right, can never start a finding (hex addresses, trace ids, masked text), and no later
     * group can belong to it: skip it without exact scanning.
     */
    static boolean gluedRun(byte[] a, int l, int r, int to) {
        byte prev = l > 0 ? a[l - 1] : (byte) ' ';
        if (isWord(prev)) {
            return true;
        }
        if (r < to) {
            byte next = a[r];
            return next != 'X' && next != 'x' && isWord(next);
        }
        return false;
    }

    /**
     * Whether the run {@code a[l..r)} (four digits or more) can take part in any digit detector, by
     * length and first digit alone. Over-approximates {@code PiiScanner.digitRun}: a 4-digit run counts when a
     * group of at least four digits follows (card) or a short group precedes it (138 1234 5678);
     * runs of 5-10 or more than 19 digits never do; a long run must fit a detector's length for its
     * first digit, which keeps out millisecond timestamps and snowflake ids (they start with 1).
     */
    static boolean mayStartCandidate(byte[] a, int l, int r, int to) {
        int len = r - l;
        if (len == 4) {
            if (r + 4 < to && (a[r] == ' ' || a[r] == '-') && isDigit(a[r + 1]) && isDigit(a[r + 2])
                    && isDigit(a[r + 3]) && isDigit(a[r + 4])) {
                return true;
            }
            return l >= 2 && (a[l - 1] == ' ' || a[l - 1] == '-') && isDigit(a[l - 2]);
        }
        if (len < 11 || len > 19) {
            return false;
        }
        return switch (a[l]) {
            case '1' -> len == 11 || len == 15 || len == 17 || len == 18;
            case '2', '3', '4', '5', '6' -> true;
            case '7' -> len == 15 || len == 17 || len == 18;
            case '8' -> len == 13 || len == 15 || len == 17 || len == 18;
            case '0' -> len == 15;
            default -> false;
        };
    }

    /**
     * Where exact scanning must resume for the candidate run starting at {@code rs}: there, or at a
     * short run just before it ({@code 138 1234 5678} is judged at {@code 138}). Never before {@code i}.
     */
    static int shortGroupBefore(byte[] a, int rs, int i) {
        if (rs - 2 >= i && (a[rs - 1] == ' ' || a[rs - 1] == '-') && isDigit(a[rs - 2])) {
            rs -= 2;
            while (rs > i && isDigit(a[rs - 1])) {
                rs--;
            }
        }
        return rs;
    }
}
