package io.debuggate.gateway.pprof;

import io.debuggate.approval.ActiveGrant;
import java.util.List;
import java.util.Map;

/**
 * Decides whether one pprof fetch may go ahead under a grant: the profile must be granted, and
 * the mode's policy must allow the profile and every parameter.
 */
interface PprofGuard {

    /**
     * @param canonicalQuery the query to forward, rebuilt from validated parameters only (never
     *     the client's raw string)
     */
    record Verdict(boolean allowed, String reason, int status, String message, String canonicalQuery) {

        static Verdict allow(String canonicalQuery) {
            return new Verdict(true, "allowed", 200, "", canonicalQuery);
        }

        static Verdict deny(String reason, int status, String message) {
            return new Verdict(false, reason, status, message, "");
        }
    }

    Verdict check(ActiveGrant grant, String profile, Map<String, List<String>> query);
}
