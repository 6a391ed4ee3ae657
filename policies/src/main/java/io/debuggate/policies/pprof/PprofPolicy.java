package io.debuggate.policies.pprof;

import io.debuggate.policies.DecisionCode;
import io.debuggate.policies.PolicyDecision;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which {@code /debug/pprof/} endpoints a mode may call and with which query parameters. Unknown
 * profiles and parameters are denied, so are repeated parameters (Go reads the first, a proxy
 * might check the last) and any number that is not a plain positive integer within bounds
 * ({@code seconds=abc}, {@code -1}, {@code 1e9}).
 */
public final class PprofPolicy {

    private static final Pattern PLAIN_INT = Pattern.compile("[0-9]{1,6}");
    private static final Pattern PROGRAM_COUNTERS = Pattern.compile("(0x[0-9a-fA-F]{1,16}[ +]?)+");
    /** Go's defaults when {@code seconds} is absent: 30 s for the CPU profile, 1 s for the trace. */
    private static final Map<String, Integer> DEFAULT_SECONDS = Map.of("profile", 30, "trace", 1);

    private final Map<String, PprofProfileRule> profiles;

    public PprofPolicy(Map<String, PprofProfileRule> profiles) {
        this.profiles = Map.copyOf(new TreeMap<>(profiles));
        profiles.forEach((k, v) -> {
            if (!k.equals(v.name())) {
                throw new IllegalArgumentException("pprof profile key '" + k + "' differs from its rule name '" + v.name() + "'");
            }
        });
    }

    public static PprofPolicy denyAll() {
        return new PprofPolicy(Map.of());
    }

    public Map<String, PprofProfileRule> profiles() {
        return profiles;
    }

    /**
     * Decides a request for {@code /debug/pprof/<profileName>}; the index page is {@code ""} or
     * {@code "index"}. {@code query} maps each parameter to all its values, as parsed from the URL.
     */
    public PolicyDecision decide(String profileName, Map<String, List<String>> query) {
        String name = profileName == null || profileName.isEmpty() ? "index" : profileName;
        PprofProfileRule rule = profiles.get(name);
        if (rule == null) {
            return PolicyDecision.deny(DecisionCode.NOT_ALLOWED, "pprof profile '" + name
                    + "' is not allowed in this mode; allowed: " + String.join(", ", profiles.keySet()));
        }
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (e.getValue().size() != 1) {
                return PolicyDecision.deny(DecisionCode.DUPLICATE_ARGUMENT, "pprof parameter '" + e.getKey()
                        + "' is given " + e.getValue().size() + " times; give it once");
            }
        }
        if (name.equals("symbol")) {
            return symbol(query);
        }
        if (PprofProfileRule.PLAIN_ENDPOINTS.contains(name)) {
            return query.isEmpty() ? PolicyDecision.allow("pprof " + name)
                    : unknown(name, query.keySet().iterator().next(), "none");
        }
        if (!rule.named()) {
            return durationProfile(rule, query);
        }
        return namedProfile(rule, query);
    }

    private PolicyDecision durationProfile(PprofProfileRule rule, Map<String, List<String>> query) {
        for (String key : query.keySet()) {
            if (!key.equals("seconds")) {
                return unknown(rule.name(), key, "seconds");
            }
        }
        List<String> seconds = query.get("seconds");
        if (seconds == null) {
            int dflt = DEFAULT_SECONDS.get(rule.name());
            return dflt <= rule.maxSeconds() ? PolicyDecision.allow("pprof " + rule.name() + " for Go's default " + dflt + "s")
                    : PolicyDecision.deny(DecisionCode.MISSING_ARGUMENT, "pprof " + rule.name() + " without seconds runs "
                    + dflt + "s, more than the limit of " + rule.maxSeconds() + "s; add seconds=N with N between 1 and " + rule.maxSeconds());
        }
        return seconds(rule.name(), seconds.getFirst(), rule.maxSeconds(), "pprof " + rule.name());
    }

    private PolicyDecision namedProfile(PprofProfileRule rule, Map<String, List<String>> query) {
        int debug = 0;
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String key = e.getKey();
            String value = e.getValue().getFirst();
            switch (key) {
                case "debug" -> {
                    if (!PLAIN_INT.matcher(value).matches() || !rule.debugLevels().contains(Integer.parseInt(value))) {
                        return PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED, "pprof " + rule.name() + ": debug='"
                                + value + "' is not allowed; use one of " + rule.debugLevels());
                    }
                    debug = Integer.parseInt(value);
                }
                case "gc" -> {
                    if (!rule.name().equals("heap")) {
                        return unknown(rule.name(), key, "debug, seconds");
                    }
                    if (!rule.gcAllowed()) {
                        return PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED, "pprof " + rule.name()
                                + ": gc forces a full garbage collection on the target and is not allowed; remove gc");
                    }
                    if (!value.equals("0") && !value.equals("1")) {
                        return PolicyDecision.deny(DecisionCode.MALFORMED_ARGUMENT, "pprof " + rule.name()
                                + ": gc must be 0 or 1, got '" + value + "'");
                    }
                }
                case "seconds" -> {
                    if (rule.maxSeconds() == 0) {
                        return PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED, "pprof " + rule.name()
                                + ": delta profiles (seconds) are not allowed in this mode; remove seconds");
                    }
                }
                default -> {
                    return unknown(rule.name(), key, rule.name().equals("heap") ? "debug, gc, seconds" : "debug, seconds");
                }
            }
        }
        if (!query.containsKey("debug") && !rule.debugLevels().contains(0)) {
            return PolicyDecision.deny(DecisionCode.MISSING_ARGUMENT, "pprof " + rule.name()
                    + " without debug returns the binary profile (debug=0), which is not allowed; use debug="
                    + rule.debugLevels().iterator().next());
        }
        List<String> seconds = query.get("seconds");
        if (seconds != null) {
            if (debug != 0) {
                return PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED, "pprof " + rule.name()
                        + ": seconds (delta profile) works only with debug=0; drop debug or seconds");
            }
            return seconds(rule.name(), seconds.getFirst(), rule.maxSeconds(), "pprof " + rule.name() + " delta");
        }
        return PolicyDecision.allow("pprof " + rule.name() + " debug=" + debug);
    }

    private static PolicyDecision seconds(String name, String value, int max, String what) {
        if (!PLAIN_INT.matcher(value).matches()) {
            return PolicyDecision.deny(DecisionCode.MALFORMED_ARGUMENT, "pprof " + name + ": seconds='" + value
                    + "' is not a whole number; use seconds=N with N between 1 and " + max);
        }
        int n = Integer.parseInt(value);
        if (n < 1 || n > max) {
            return PolicyDecision.deny(DecisionCode.ARGUMENT_OUT_OF_RANGE, "pprof " + name + ": seconds=" + n
                    + " is outside the allowed range; use seconds between 1 and " + max);
        }
        return PolicyDecision.allow(what + " for " + n + "s");
    }

    private static PolicyDecision symbol(Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!PROGRAM_COUNTERS.matcher(e.getKey()).matches() || !e.getValue().getFirst().isEmpty()) {
                return PolicyDecision.deny(DecisionCode.MALFORMED_ARGUMENT,
                        "pprof symbol takes only program counters like ?0x4a5b6c+0x4a5b7d; remove other parameters");
            }
        }
        return PolicyDecision.allow("pprof symbol");
    }

    private static PolicyDecision unknown(String name, String key, String allowed) {
        return PolicyDecision.deny(DecisionCode.UNKNOWN_ARGUMENT, "pprof " + name + ": unknown parameter '" + key
                + "'; allowed parameters: " + allowed);
    }
}
