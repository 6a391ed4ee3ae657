package io.debuggate.policies.yaml;

import io.debuggate.policies.ModeNarrowing;
import io.debuggate.policies.ModePolicy;
import io.debuggate.policies.PolicyOverride;
import io.debuggate.policies.pprof.PprofProfileRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code overrides:} list: per-environment and per-target narrowings of the modes. Each one is
 * checked against the mode it narrows when the file loads, so a widening or a typo stops the load
 * with the line that has it.
 */
final class OverridesYamlReader {

    private OverridesYamlReader() {
    }

    static List<PolicyOverride> overrides(PolicyNode node, Map<String, ModePolicy> modes) {
        List<PolicyOverride> out = new ArrayList<>();
        if (node.isNull()) {
            return out;
        }
        List<PolicyNode> items = node.list();
        for (int k = 0; k < items.size(); k++) {
            out.add(override(k, items.get(k), modes));
        }
        return out;
    }

    private static PolicyOverride override(int index, PolicyNode node, Map<String, ModePolicy> modes) {
        Map<String, PolicyNode> o = node.mapping(Set.of("match", "modes"), Set.of("description"));
        PolicyNode matchNode = o.get("match");
        Map<String, PolicyNode> match = matchNode.mapping(Set.of(), Set.of("environment", "target"));
        String environment = match.containsKey("environment") ? match.get("environment").string() : null;
        String target = match.containsKey("target") ? match.get("target").string() : null;
        String description = o.containsKey("description") ? o.get("description").string() : "";
        Map<String, ModeNarrowing> narrowings = new LinkedHashMap<>();
        PolicyNode modesNode = o.get("modes");
        modesNode.entries(k -> modes.containsKey(k) ? null
                : "the policy has no mode '" + k + "' to override; modes: " + String.join(", ", modes.keySet()))
                .forEach((name, n) -> {
                    ModeNarrowing narrowing = narrowing(n);
                    String problem = narrowing.problemWith(modes.get(name));
                    if (problem != null) {
                        throw n.error(problem);
                    }
                    narrowings.put(name, narrowing);
                });
        if (narrowings.isEmpty()) {
            throw modesNode.error("an override must narrow at least one mode");
        }
        return matchNode.build(() -> new PolicyOverride(index, node.line(), description, environment, target, narrowings));
    }

    private static ModeNarrowing narrowing(PolicyNode node) {
        Map<String, PolicyNode> m = node.mapping(Set.of(), Set.of("maxSessionDuration", "haltBudget", "pprof", "delve", "dap"));
        if (m.isEmpty()) {
            throw node.error("an override of a mode must change something: maxSessionDuration, haltBudget, pprof, delve or dap");
        }
        Duration maxSession = m.containsKey("maxSessionDuration") ? m.get("maxSessionDuration").duration() : null;
        Map<String, PolicyNode> hb = section(m, "haltBudget", Set.of("perStop", "maxShareOfWallTime"));
        Map<String, PolicyNode> pprof = section(m, "pprof", Set.of("maxSeconds", "removeProfiles"));
        Map<String, PolicyNode> delve = section(m, "delve",
                Set.of("removeMethods", "removeCommands", "loadLimits", "allowUnsafeCall", "allowRegexLocations"));
        Map<String, PolicyNode> limits = section(delve, "loadLimits",
                Set.of("maxStringLen", "maxArrayValues", "maxVariableRecurse", "maxStructFields"));
        Map<String, PolicyNode> dap = section(m, "dap",
                Set.of("removeRequests", "allowCallExpressions", "allowDlvCommands", "allowLogpoints"));
        return node.build(() -> new ModeNarrowing(
                maxSession,
                hb.containsKey("perStop") ? hb.get("perStop").duration() : null,
                hb.containsKey("maxShareOfWallTime") ? hb.get("maxShareOfWallTime").decimal(0, 0.5) : null,
                pprof.containsKey("maxSeconds") ? pprof.get("maxSeconds").integer(1, PprofProfileRule.MAX_SECONDS_CEILING) : null,
                names(pprof, "removeProfiles"),
                names(delve, "removeMethods"),
                names(delve, "removeCommands"),
                integer(limits, "maxStringLen", 1, 1 << 20),
                integer(limits, "maxArrayValues", 1, 1 << 16),
                integer(limits, "maxVariableRecurse", 0, 16),
                integer(limits, "maxStructFields", 1, 1 << 12),
                off(delve, "allowUnsafeCall"),
                off(delve, "allowRegexLocations"),
                names(dap, "removeRequests"),
                off(dap, "allowCallExpressions"),
                off(dap, "allowDlvCommands"),
                off(dap, "allowLogpoints")));
    }

    private static Map<String, PolicyNode> section(Map<String, PolicyNode> parent, String key, Set<String> keys) {
        if (!parent.containsKey(key)) {
            return Map.of();
        }
        Map<String, PolicyNode> s = parent.get(key).mapping(Set.of(), keys);
        if (s.isEmpty()) {
            throw parent.get(key).error("empty section; remove it or name what to narrow: " + new java.util.TreeSet<>(keys));
        }
        return s;
    }

    private static Set<String> names(Map<String, PolicyNode> section, String key) {
        return section.containsKey(key) ? Set.copyOf(section.get(key).strings()) : Set.of();
    }

    private static @Nullable Integer integer(Map<String, PolicyNode> section, String key, int min, int max) {
        return section.containsKey(key) ? section.get(key).integer(min, max) : null;
    }

    /** Overrides only take away: a flag may be turned off, never on. */
    private static boolean off(Map<String, PolicyNode> section, String key) {
        if (!section.containsKey(key)) {
            return false;
        }
        PolicyNode n = section.get(key);
        if (n.bool()) {
            throw n.error("overrides may only narrow: " + key + " can only be set to false here; turn it on in the mode itself");
        }
        return true;
    }
}
