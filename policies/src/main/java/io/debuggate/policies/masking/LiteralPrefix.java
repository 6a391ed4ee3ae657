package io.debuggate.policies.masking;

import java.util.regex.Pattern;

/**
 * The literal text every match of a custom rule starts with ({@code EMP-} for {@code \bEMP-\d{6}\b}),
 * when the pattern makes that plain. A match can then only start where the literal occurs, so the
 * engine looks for the literal with {@code String.indexOf} (vectorized) and tries the regular
 * expression only there, instead of at every position of the text. Patterns whose prefix is not
 * obviously required (alternation, flags, groups, a quantifier on the last char) get none.
 */
final class LiteralPrefix {

    private static final int DISQUALIFYING_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.COMMENTS | Pattern.LITERAL
            | Pattern.CANON_EQ | Pattern.UNICODE_CASE;
    private static final String PLAIN_PUNCTUATION = "-_:=#/@ %,;'\"<>!&~`";
    private static final int MIN_LENGTH = 2;

    private LiteralPrefix() {
    }

    /** The required literal prefix of {@code pattern}, or null. */
    static String of(Pattern pattern) {
        String re = pattern.pattern();
        if ((pattern.flags() & DISQUALIFYING_FLAGS) != 0 || re.indexOf('|') >= 0 || re.contains("\\G")) {
            return null;
        }
        int i = re.startsWith("\\b") ? 2 : 0;
        StringBuilder lit = new StringBuilder();
        while (i < re.length()) {
            char c = re.charAt(i);
            if (Character.isLetterOrDigit(c) || PLAIN_PUNCTUATION.indexOf(c) >= 0) {
                lit.append(c);
                i++;
            } else if (c == '\\' && i + 1 < re.length() && isEscapedLiteral(re.charAt(i + 1))) {
                lit.append(re.charAt(i + 1));
                i += 2;
            } else {
                break;
            }
        }
        // "EMP-?" or "EMP-{0,1}": the quantifier applies to the last char, which is then not required.
        if (i < re.length() && "?*{+".indexOf(re.charAt(i)) >= 0 && !lit.isEmpty()) {
            lit.setLength(lit.length() - 1);
        }
        return lit.length() >= MIN_LENGTH ? lit.toString() : null;
    }

    /** A backslash before a char that is neither a letter nor a digit makes it literal. */
    private static boolean isEscapedLiteral(char c) {
        return c < 128 && !Character.isLetterOrDigit(c);
    }

    /** The first occurrence of {@code lit} in {@code text} starting in {@code [from, to - lit.length()]}, or -1. */
    static int indexOf(CharSequence text, String lit, int from, int to) {
        int last = to - lit.length();
        if (text instanceof String s) {
            int q = s.indexOf(lit, from);
            return q >= 0 && q <= last ? q : -1;
        }
        char first = lit.charAt(0);
        for (int q = Math.max(from, 0); q <= last; q++) {
            if (text.charAt(q) == first && regionMatches(text, q, lit)) {
                return q;
            }
        }
        return -1;
    }

    private static boolean regionMatches(CharSequence text, int q, String lit) {
        for (int k = 1; k < lit.length(); k++) {
            if (text.charAt(q + k) != lit.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
