package io.debuggate.policies.masking;

/** The Luhn (mod 10) checksum used by payment card numbers. */
final class Luhn {

    private Luhn() {
    }

    /** Checks the digits in {@code a[s..e)}, skipping separators between groups. */
    static boolean valid(byte[] a, int s, int e) {
        int sum = 0;
        boolean dbl = false;
        for (int k = e - 1; k >= s; k--) {
            byte c = a[k];
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
