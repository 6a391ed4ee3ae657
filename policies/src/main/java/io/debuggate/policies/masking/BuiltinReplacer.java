package io.debuggate.policies.masking;

/**
 * Replacements for built-in findings, computed from bytes and appended in place. Every built-in
 * finding is ASCII, so the scanner's byte view is the value: {@code mask(String)} replaces without a
 * substring, a normalized copy as a String or UTF-8 encoding before hashing.
 */
final class BuiltinReplacer {

    private static final BuiltinDetector[] DETECTORS = BuiltinDetector.values();
    private static final int MOBILE_DIGITS = 11;

    private final ReplacementStyle[] styles;
    private final byte[][] ruleIds;
    private final TrackingIdHasher hasher;

    /** {@code styles} and {@code ruleIds} indexed by {@link BuiltinDetector#ordinal()}. */
    BuiltinReplacer(ReplacementStyle[] styles, String[] ruleIds, TrackingIdHasher hasher) {
        this.styles = styles.clone();
        this.ruleIds = new byte[DETECTORS.length][];
        for (int k = 0; k < DETECTORS.length; k++) {
            this.ruleIds[k] = TrackingIdHasher.utf8(ruleIds[k]);
        }
        this.hasher = hasher;
    }

    /** Appends the replacement of the built-in finding {@code a[s..e)} of rule {@code rule}. */
    void append(byte[] a, int s, int e, int rule, StringBuilder sb) {
        switch (styles[rule]) {
            case ReplacementStyle.Redact r -> sb.append(r.text());
            case ReplacementStyle.Keep k -> keep(a, s, e, k, DETECTORS[rule] == BuiltinDetector.CN_MOBILE, sb);
            case ReplacementStyle.TrackingId t -> {
                byte[] value = new byte[e - s];
                int n = normalize(a, s, e, DETECTORS[rule], value);
                hasher.appendTrackingId(t, ruleIds[rule], value, n, sb);
            }
        }
    }

    /** Letters and digits count; a +86 country code stays readable, the kept counts apply to the national number. */
    private static void keep(byte[] a, int s, int e, ReplacementStyle.Keep k, boolean mobile, StringBuilder sb) {
        int sig = 0;
        for (int p = s; p < e; p++) {
            if (isAlnum(a[p])) {
                sig++;
            }
        }
        int lead = mobile && sig > MOBILE_DIGITS ? sig - MOBILE_DIGITS : 0;
        boolean all = sig - lead <= k.prefix() + k.suffix();
        int idx = 0;
        for (int p = s; p < e; p++) {
            char c = (char) a[p];
            if (!isAlnum(a[p])) {
                sb.append(c);
                continue;
            }
            boolean shown = idx < lead || (!all && (idx < lead + k.prefix() || idx >= sig - k.suffix()));
            sb.append(shown ? c : ReplacementStyle.MASK_CHAR);
            idx++;
        }
    }

    /**
     * The canonical form hashed for tracking ids into {@code out}, so that +86 138..., 138-... and
     * 138... get one id; returns its length.
     */
    private static int normalize(byte[] a, int s, int e, BuiltinDetector d, byte[] out) {
        int n = 0;
        switch (d) {
            case CN_MOBILE, BANK_CARD -> {
                for (int p = s; p < e; p++) {
                    if (ByteClass.isDigit(a[p])) {
                        out[n++] = a[p];
                    }
                }
                if (d == BuiltinDetector.CN_MOBILE) {
                    System.arraycopy(out, n - MOBILE_DIGITS, out, 0, MOBILE_DIGITS);
                    n = MOBILE_DIGITS;
                }
            }
            case CN_RESIDENT_ID, EMAIL, IPV4 -> {
                boolean upper = d == BuiltinDetector.CN_RESIDENT_ID;
                for (int p = s; p < e; p++) {
                    byte c = a[p];
                    if (upper && c >= 'a' && c <= 'z') {
                        c -= 32;
                    } else if (d == BuiltinDetector.EMAIL && c >= 'A' && c <= 'Z') {
                        c += 32;
                    }
                    out[n++] = c;
                }
            }
        }
        return n;
    }

    private static boolean isAlnum(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
