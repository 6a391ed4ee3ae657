package io.debuggate.policies.masking;

/** Validation of Chinese resident identity numbers (GB 11643-1999). */
final class ChineseResidentId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();
    private static final boolean[] PROVINCE = new boolean[100];

    static {
        int[] codes = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
        for (int c : codes) {
            PROVINCE[c] = true;
        }
    }

    private ChineseResidentId() {
    }

    /** The ISO 7064 MOD 11-2 check character for the first 17 digits at {@code a[s..s+16]}. */
    static char checkChar(byte[] a, int s) {
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (a[s + k] - '0') * WEIGHTS[k];
        }
        return CHECK[sum % 11];
    }

    /** 17 digits at {@code a[s..]} followed by the check character (digit, X or x). */
    static boolean valid18(byte[] a, int s) {
        if (!PROVINCE[(a[s] - '0') * 10 + (a[s + 1] - '0')]) {
            return false;
        }
        int year = num(a, s + 6, 4);
        if (year < 1900 || year > 2099 || !validDate(year, num(a, s + 10, 2), num(a, s + 12, 2))) {
            return false;
        }
        char c = (char) a[s + 17];
        if (c == 'x') {
            c = 'X';
        }
        return checkChar(a, s) == c;
    }

    /** The legacy 15-digit form: region, YYMMDD (19YY), sequence; it has no check character. */
    static boolean valid15(byte[] a, int s) {
        if (!PROVINCE[(a[s] - '0') * 10 + (a[s + 1] - '0')]) {
            return false;
        }
        return validDate(1900 + num(a, s + 6, 2), num(a, s + 8, 2), num(a, s + 10, 2));
    }

    private static boolean validDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        int max = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= max;
    }

    private static int num(byte[] a, int s, int len) {
        int v = 0;
        for (int k = 0; k < len; k++) {
            v = v * 10 + (a[s + k] - '0');
        }
        return v;
    }
}
