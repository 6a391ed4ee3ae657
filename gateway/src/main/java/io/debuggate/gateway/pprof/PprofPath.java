package io.debuggate.gateway.pprof;

import java.util.regex.Pattern;

/**
 * The pprof part of {@code /api/sessions/{id}/pprof/<profile>}: a bare profile name (or empty for
 * the index). Anything else — slashes, dots, encoded characters — is refused before policy runs.
 */
record PprofPath(String profile) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{0,64}");

    /** Where the web UI's pprof links live (site login session instead of a bearer token). */
    static final String UI_PREFIX = "/ui/sessions/";

    static PprofPath parse(String requestPath, String sessionId) {
        String prefix = (requestPath.startsWith(UI_PREFIX) ? UI_PREFIX : "/api/sessions/") + sessionId + "/pprof";
        if (!requestPath.startsWith(prefix)) {
            throw new IllegalArgumentException("not a pprof path: " + requestPath);
        }
        String rest = requestPath.substring(prefix.length());
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        if (rest.startsWith("debug/pprof/")) {
            rest = rest.substring("debug/pprof/".length());
        }
        if (!NAME.matcher(rest).matches() || rest.contains("..")) {
            throw new IllegalArgumentException("'" + rest + "' is not a pprof profile name; use e.g. heap, goroutine, profile");
        }
        return new PprofPath(rest);
    }
}
