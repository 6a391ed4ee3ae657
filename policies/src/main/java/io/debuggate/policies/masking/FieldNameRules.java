package io.debuggate.policies.masking;

import java.util.List;
import java.util.Locale;

/**
 * Field and variable names whose whole value is redacted ({@code password}, {@code token}, ...).
 * Matching ignores case, '_' and '-', and looks at each identifier in a name, so
 * {@code accessToken}, {@code db_password}, {@code creds.Password} and {@code password[5:]} (a Delve
 * expression paging a string) all match {@code password}. Rules of five or more letters match anywhere
 * inside an identifier; shorter rules ({@code pwd}, {@code ssn}) match a whole identifier or its end,
 * so that short words do not redact half of a program.
 */
public final class FieldNameRules {

    private final List<String> rules;

    public FieldNameRules(List<String> names) {
        this.rules = names.stream().map(FieldNameRules::normalize).toList();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).isEmpty()) {
                throw new IllegalArgumentException("field name rule '" + names.get(i)
                        + "' has no letters or digits; remove it");
            }
        }
    }

    public List<String> rules() {
        return rules;
    }

    public boolean matches(String name) {
        if (name == null || name.isEmpty() || rules.isEmpty()) {
            return false;
        }
        if (matchesToken(normalize(name))) {
            return true;
        }
        int start = -1;
        for (int i = 0; i <= name.length(); i++) {
            boolean identChar = i < name.length() && isIdentChar(name.charAt(i));
            if (identChar && start < 0) {
                start = i;
            } else if (!identChar && start >= 0) {
                if (matchesToken(normalize(name.substring(start, i)))) {
                    return true;
                }
                start = -1;
            }
        }
        return false;
    }

    private boolean matchesToken(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (String rule : rules) {
            if (rule.length() >= 5 ? token.contains(rule) : token.endsWith(rule)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
