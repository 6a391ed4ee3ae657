package io.debuggate.policies.masking;

import java.util.Random;

/** Generates valid and invalid PII the way the validators define it, for tests and the benchmark. */
public final class PiiSamples {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private PiiSamples() {
    }

    /** An 18-digit resident id with a correct check character. */
    public static String residentId(String region6, String yyyymmdd, String seq3) {
        String body = region6 + yyyymmdd + seq3;
        return body + checkChar(body);
    }

    public static char checkChar(String body17) {
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (body17.charAt(k) - '0') * WEIGHTS[k];
        }
        return CHECK.charAt(sum % 11);
    }

    /** The same id with a wrong check character. */
    public static String withWrongCheck(String id18) {
        char good = id18.charAt(17);
        char bad = good == '0' ? '1' : good == 'X' ? '0' : (char) (good == '9' ? 'X' : good + 1);
        return id18.substring(0, 17) + bad;
    }

    public static String randomResidentId(Random r) {
        String[] regions = {"110101", "310104", "440305", "510107", "330106", "210102", "650102", "820000"};
        int year = 1930 + r.nextInt(90);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(28);
        return residentId(regions[r.nextInt(regions.length)], String.format("%04d%02d%02d", year, month, day),
                String.format("%03d", r.nextInt(1000)));
    }

    /** Appends the Luhn check digit to {@code body}. */
    public static String luhn(String body) {
        for (int d = 0; d <= 9; d++) {
            String candidate = body + d;
            if (luhnValid(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }

    public static boolean luhnValid(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int k = digits.length() - 1; k >= 0; k--) {
            int d = digits.charAt(k) - '0';
            if (dbl) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** A Luhn-valid card with a known issuer prefix: Visa 16, MasterCard 16, UnionPay 16-19. */
    public static String randomCard(Random r) {
        String[] prefixes = {"4", "51", "55", "62", "6222"};
        String prefix = prefixes[r.nextInt(prefixes.length)];
        int len = prefix.startsWith("62") ? 16 + r.nextInt(4) : 16;
        StringBuilder body = new StringBuilder(prefix);
        while (body.length() < len - 1) {
            body.append((char) ('0' + r.nextInt(10)));
        }
        return luhn(body.toString());
    }

    public static String randomMobile(Random r) {
        StringBuilder sb = new StringBuilder("1").append((char) ('3' + r.nextInt(7)));
        for (int k = 0; k < 9; k++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    public static String randomEmail(Random r) {
        String[] users = {"alice", "bob.smith", "carol_99", "dave+test", "erin.o-neil", "zhang.wei"};
        String[] domains = {"example.com", "mail.example.org", "qq.com", "163.com", "corp.example.cn"};
        return users[r.nextInt(users.length)] + r.nextInt(100) + "@" + domains[r.nextInt(domains.length)];
    }

    /** Groups of four separated by {@code sep}. */
    public static String grouped(String digits, char sep) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < digits.length(); k++) {
            if (k > 0 && k % 4 == 0) {
                sb.append(sep);
            }
            sb.append(digits.charAt(k));
        }
        return sb.toString();
    }
}
