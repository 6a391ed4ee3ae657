package io.debuggate.policies.masking;

import static io.debuggate.policies.masking.ByteClass.isLabel;
import static io.debuggate.policies.masking.ByteClass.isLocal;

/** E-mail address syntax, as far as the scanner needs it: a local part before '@', a domain after. */
final class EmailSyntax {

    static final int MAX_LOCAL_PART = 64;
    static final int MAX_DOMAIN = 253;

    private EmailSyntax() {
    }

    /** True when the '@' at {@code at} starts a valid address whose local part includes {@code a[s..at)}. */
    static boolean emailCovers(byte[] a, int s, int at, int to, int lastEnd) {
        int start = emailStart(a, at, lastEnd);
        return start >= 0 && start <= s && emailEnd(a, at, to) > 0;
    }

    /**
     * Start of the local part before the '@' at {@code at}, or -1 if there is none, it is longer than
     * 64, or it is glued to a masked value.
     */
    static int emailStart(byte[] a, int at, int lastEnd) {
        int p = at;
        int floor = Math.max(lastEnd, 0);
        while (p > floor && isLocal(a[p - 1])) {
            p--;
            if (at - p > MAX_LOCAL_PART) {
                return -1;
            }
        }
        if (p > 0 && (a[p - 1] == '#' || a[p - 1] == '*')) {
            // The tail of a masked value (tel#5c0e..., 411111******1111) is no local part.
            return -1;
        }
        while (p < at && a[p] == '.') {
            p++;
        }
        if (p == at || a[at - 1] == '.') {
            return -1;
        }
        return p;
    }

    /**
     * End of a valid domain after the '@' at {@code at}, or -1: the longest run of two or more labels
     * whose last label is alphabetic (the TLD). Labels after that do not void the address, and a label
     * glued to '#' or '*' (a masked value such as {@code tel#...}) ends the domain before it: both keep
     * the result the same whether the neighbour is masked yet or not.
     */
    static int emailEnd(byte[] a, int at, int to) {
        int p = at + 1;
        int labels = 0;
        int best = -1;
        while (true) {
            int q = p;
            boolean alpha = true;
            while (q < to && isLabel(a[q])) {
                byte c = a[q];
                alpha &= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                q++;
                if (q - p > 63) {
                    return best;
                }
            }
            if (q == p || a[p] == '-' || a[q - 1] == '-' || q - at > MAX_DOMAIN
                    || (q < to && (a[q] == '#' || a[q] == '*'))) {
                return best;
            }
            labels++;
            if (labels >= 2 && alpha && q - p >= 2) {
                best = q;
            }
            p = q;
            if (p + 1 < to && a[p] == '.' && isLabel(a[p + 1])) {
                p++;
                continue;
            }
            return best;
        }
    }
}
