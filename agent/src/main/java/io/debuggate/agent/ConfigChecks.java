package io.debuggate.agent;

import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks shared by the configuration records of this module, so that every bad value fails the
 * same way: the message quotes it and names the fix.
 */
public final class ConfigChecks {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,127}");

    private ConfigChecks() {
    }

    /** Agent ids and target names: they travel in tokens, logs and URLs, so keep them plain. */
    public static String requireName(String what, @Nullable String value, String example) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " \"" + value + "\" is invalid: use letters, digits and ._/- "
                    + "(at most 128), e.g. " + example);
        }
        return value;
    }

    public static int requirePort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is not a TCP port (0-65535)");
        }
        return port;
    }

    public static Duration requirePositive(String what, @Nullable Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " " + value + " must be a positive duration");
        }
        return value;
    }
}
