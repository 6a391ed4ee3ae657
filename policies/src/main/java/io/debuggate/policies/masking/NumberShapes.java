package io.debuggate.policies.masking;

import static io.debuggate.policies.masking.ByteClass.isDigit;

/** Shapes of Chinese mobile numbers and payment cards: prefixes, issuer ranges, group continuation. */
final class NumberShapes {

    private NumberShapes() {
    }

    static boolean isMobileAt(byte[] a, int s) {
        return a[s] == '1' && a[s + 1] >= '3';
    }

    /** Start of a mobile number spelled as one run (with 86 / 0086 glued on), or -1. */
    static int plainMobileStart(byte[] a, int i, int len, int lastEnd) {
        if (len == 11 && isMobileAt(a, i)) {
            return plus86Before(a, i, lastEnd);
        }
        if (len == 13 && a[i] == '8' && a[i + 1] == '6' && isMobileAt(a, i + 2)) {
            return i > lastEnd && a[i - 1] == '+' ? i - 1 : i;
        }
        if (len == 15 && a[i] == '0' && a[i + 1] == '0' && a[i + 2] == '8' && a[i + 3] == '6' && isMobileAt(a, i + 4)) {
            return i;
        }
        return -1;
    }

    /** Extends a national number back over a preceding {@code "+86 "} or {@code "+86-"}. */
    static int plus86Before(byte[] a, int i, int lastEnd) {
        if (i - 4 >= lastEnd && i >= 4 && (a[i - 1] == ' ' || a[i - 1] == '-')
                && a[i - 2] == '6' && a[i - 3] == '8' && a[i - 4] == '+') {
            return i - 4;
        }
        return i;
    }

    /**
     * A group start preceded by {@code digit + separator} continues an earlier number and is not a
     * start, unless that digit ends a finding; after {@code * + separator} it continues a masked
     * number ({@code 4111 11** **** 1111}), whose last group must not start a new one.
     */
    static boolean continuesNumber(byte[] a, int i, int lastEnd) {
        if (i < 2) {
            return false;
        }
        byte p = a[i - 1];
        if (p != ' ' && p != '-') {
            return false;
        }
        byte pp = a[i - 2];
        return pp == ReplacementStyle.MASK_CHAR
                || (isDigit(pp) && i - 2 >= lastEnd && plus86Before(a, i, lastEnd) == i);
    }

    /**
     * Known issuer ranges by length. Cards never start with 0 or 1, which keeps millisecond,
     * microsecond and nanosecond Unix timestamps and snowflake ids out.
     */
    static boolean issuerPrefix(byte[] a, int i, int len) {
        int d2 = (a[i] - '0') * 10 + (a[i + 1] - '0');
        return switch (a[i]) {
            case '2' -> {
                int d4 = d2 * 100 + (a[i + 2] - '0') * 10 + (a[i + 3] - '0');
                yield len == 16 && d4 >= 2221 && d4 <= 2720;
            }
            case '3' -> (len == 15 && (d2 == 34 || d2 == 37)) || (len == 14 && (d2 == 30 || d2 == 36 || d2 == 38 || d2 == 39))
                    || (len >= 16 && d2 == 35);
            case '4' -> len == 13 || len == 16 || len == 19;
            case '5', '6' -> len >= 16;
            default -> false;
        };
    }
}
