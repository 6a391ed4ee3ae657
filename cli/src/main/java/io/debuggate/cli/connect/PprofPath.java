package io.debuggate.cli.connect;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which local paths the pprof forwarder accepts: {@code /debug/pprof/} (the index) and
 * {@code /debug/pprof/<name>} with a plain profile name. Anything else (other prefixes, nested
 * paths, dot segments, percent-encoding) is refused locally and never reaches the gateway.
 */
public final class PprofPath {

    public static final String PREFIX = "/debug/pprof/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private PprofPath() {
    }

    /** @return the profile name ("" for the index), or empty if the raw path is not forwardable */
    public static Optional<String> profileOf(String rawPath) {
        if (!rawPath.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String name = rawPath.substring(PREFIX.length());
        if (name.isEmpty()) {
            return Optional.of("");
        }
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** Raw query characters allowed through (RFC 3986 query, without '#'). */
    public static boolean isPlainQuery(String rawQuery) {
        return rawQuery.chars().allMatch(c -> c < 0x7f && c > 0x20 && c != '#' && c != '"' && c != '<' && c != '>'
                && c != '\\' && c != '^' && c != '`' && c != '{' && c != '|' && c != '}');
    }
}
