package io.debuggate.policies.pprof;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one pprof endpoint may be asked for.
 * <ul>
 *   <li>{@code profile}, {@code trace}: {@code seconds} between 1 and {@code maxSeconds};</li>
 *   <li>named profiles ({@code goroutine}, {@code heap}, ..., custom): {@code debug} in {@code debugLevels},
 *       delta profiles with {@code seconds} up to {@code maxSeconds} (0 = no delta profiles),
 *       {@code gc} on {@code heap} only when {@code gcAllowed};</li>
 *   <li>{@code index}, {@code cmdline}, {@code symbol}: no parameters (symbol: program counters only).</li>
 * </ul>
 */
public record PprofProfileRule(String name, int maxSeconds, Set<Integer> debugLevels, boolean gcAllowed) {

    /** Profiles with a special shape; every other name is a named (runtime/pprof) profile. */
    public static final Set<String> DURATION_PROFILES = Set.of("profile", "trace");
    public static final Set<String> PLAIN_ENDPOINTS = Set.of("index", "cmdline", "symbol");
    /** Named profiles that support delta mode ({@code seconds}); custom profiles do not. */
    public static final Set<String> DELTA_PROFILES = Set.of("allocs", "block", "goroutine", "heap", "mutex", "threadcreate");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** A longer profile than this holds one of the process's CPU profile / trace slots for too long. */
    public static final int MAX_SECONDS_CEILING = 300;

    public PprofProfileRule {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("pprof profile name must be 1-64 letters, digits, '_', '.', '-', got '" + name + "'");
        }
        debugLevels = Set.copyOf(debugLevels);
        if (maxSeconds < 0 || maxSeconds > MAX_SECONDS_CEILING) {
            throw new IllegalArgumentException("pprof profile '" + name + "': seconds limit must be between 0 and "
                    + MAX_SECONDS_CEILING + ", got " + maxSeconds);
        }
        if (DURATION_PROFILES.contains(name) && maxSeconds < 1) {
            throw new IllegalArgumentException("pprof profile '" + name + "' needs maxSeconds of at least 1; remove the profile to deny it");
        }
        if (maxSeconds > 0 && !DURATION_PROFILES.contains(name) && !DELTA_PROFILES.contains(name)) {
            throw new IllegalArgumentException("pprof profile '" + name + "' has no delta form; remove maxDeltaSeconds");
        }
        for (int d : debugLevels) {
            if (d < 0 || d > 2) {
                throw new IllegalArgumentException("pprof profile '" + name + "': debug levels must be 0, 1 or 2, got " + d);
            }
        }
        if (!debugLevels.isEmpty() && (DURATION_PROFILES.contains(name) || PLAIN_ENDPOINTS.contains(name))) {
            throw new IllegalArgumentException("pprof endpoint '" + name + "' has no debug parameter; remove debug");
        }
        if (gcAllowed && !name.equals("heap")) {
            throw new IllegalArgumentException("pprof profile '" + name + "': gc applies to heap only; remove gc");
        }
    }

    public boolean named() {
        return !DURATION_PROFILES.contains(name) && !PLAIN_ENDPOINTS.contains(name);
    }
}
