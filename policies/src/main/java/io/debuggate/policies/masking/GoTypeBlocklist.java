package io.debuggate.policies.masking;

import java.util.List;

/**
 * Go types whose values are never shown: a Delve variable of such a type is redacted with its whole
 * subtree. Entries are exact type names ({@code main.Credentials}) or whole packages
 * ({@code example.com/secrets.*}). Pointers, slices, arrays and channels of a blocked type are blocked too.
 */
public final class GoTypeBlocklist {

    private final List<String> entries;

    public GoTypeBlocklist(List<String> entries) {
        for (String e : entries) {
            if (e == null || e.isBlank() || e.chars().anyMatch(Character::isWhitespace) || e.startsWith("*")
                    || e.startsWith("[")) {
                throw new IllegalArgumentException("Go type blocklist entry '" + e
                        + "' must be a bare type name like 'main.Credentials' or a package like 'example.com/secrets.*'");
            }
        }
        this.entries = List.copyOf(entries);
    }

    public List<String> entries() {
        return entries;
    }

    public boolean matches(String type) {
        if (type == null || type.isEmpty() || entries.isEmpty()) {
            return false;
        }
        String base = elementType(type);
        for (String e : entries) {
            if (e.endsWith(".*") ? base.startsWith(e.substring(0, e.length() - 1)) : base.equals(e)) {
                return true;
            }
        }
        return false;
    }

    /** Strips {@code *}, {@code []}, {@code [N]} and {@code chan } so that containers of a blocked type match. */
    static String elementType(String type) {
        String t = type.trim();
        boolean changed = true;
        while (changed) {
            changed = false;
            if (t.startsWith("*")) {
                t = t.substring(1);
                changed = true;
            } else if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close > 0) {
                    t = t.substring(close + 1);
                    changed = true;
                }
            } else if (t.startsWith("chan ")) {
                t = t.substring(5);
                changed = true;
            } else if (t.startsWith("<-chan ")) {
                t = t.substring(7);
                changed = true;
            }
        }
        return t;
    }
}
