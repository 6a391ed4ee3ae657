package io.debuggate.audit.testsupport;

/** Valid-looking customer data of the kinds the test bed holds; none of it may reach Elasticsearch. */
public final class PiiValues {

    /** Chinese resident id with a correct check character. */
    public static final String RESIDENT_ID = residentId("11010519491231002");
    public static final String MOBILE = "13912345678";
    /** Luhn-valid bank card number. */
    public static final String BANK_CARD = luhn("622202123456789012");
    public static final String EMAIL = "zhang.wei@example.com";

    private PiiValues() {
    }

    static String residentId(String body17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (body17.charAt(k) - '0') * weights[k];
        }
        return body17 + "10X98765432".charAt(sum % 11);
    }

    static String luhn(String body) {
        for (int d = 0; d <= 9; d++) {
            String candidate = body + d;
            int sum = 0;
            boolean twice = false;
            for (int k = candidate.length() - 1; k >= 0; k--) {
                int digit = candidate.charAt(k) - '0';
                if (twice) {
                    digit *= 2;
                    if (digit > 9) {
                        digit -= 9;
                    }
                }
                sum += digit;
                twice = !twice;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }
}
