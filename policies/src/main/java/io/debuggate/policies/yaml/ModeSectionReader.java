package io.debuggate.policies.yaml;

import io.debuggate.policies.dap.DapPolicy;
import io.debuggate.policies.delve.DelvePolicy;
import io.debuggate.policies.delve.LoadLimits;
import io.debuggate.policies.pprof.PprofPolicy;
import io.debuggate.policies.pprof.PprofProfileRule;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The protocol sections of a mode: {@code pprof}, {@code delve}, {@code dap}. */
final class ModeSectionReader {

    private ModeSectionReader() {
    }

    static PprofPolicy pprof(PolicyNode node) {
        Map<String, PolicyNode> p = node.mapping(Set.of("profiles"), Set.of());
        Map<String, PprofProfileRule> rules = new LinkedHashMap<>();
        p.get("profiles").entries(k -> null).forEach((name, n) -> rules.put(name, profile(name, n)));
        return node.build(() -> new PprofPolicy(rules));
    }

    private static PprofProfileRule profile(String name, PolicyNode node) {
        Set<String> allowed;
        if (PprofProfileRule.DURATION_PROFILES.contains(name)) {
            allowed = Set.of("maxSeconds");
        } else if (PprofProfileRule.PLAIN_ENDPOINTS.contains(name)) {
            allowed = Set.of();
        } else if (name.equals("heap")) {
            allowed = Set.of("debug", "maxDeltaSeconds", "gc");
        } else if (PprofProfileRule.DELTA_PROFILES.contains(name)) {
            allowed = Set.of("debug", "maxDeltaSeconds");
        } else {
            allowed = Set.of("debug");
        }
        Map<String, PolicyNode> m = node.isNull() ? Map.of() : node.mapping(Set.of(), allowed);
        int seconds = m.containsKey("maxSeconds") ? m.get("maxSeconds").integer(1, PprofProfileRule.MAX_SECONDS_CEILING)
                : m.containsKey("maxDeltaSeconds") ? m.get("maxDeltaSeconds").integer(0, PprofProfileRule.MAX_SECONDS_CEILING) : 0;
        if (PprofProfileRule.DURATION_PROFILES.contains(name) && !m.containsKey("maxSeconds")) {
            throw node.error("missing required key 'maxSeconds'");
        }
        Set<Integer> debug = new HashSet<>();
        if (m.containsKey("debug")) {
            for (PolicyNode d : m.get("debug").list()) {
                if (!debug.add(d.integer(0, 2))) {
                    throw d.error("debug level listed twice");
                }
            }
        } else if (!allowed.contains("maxSeconds") && !allowed.isEmpty()) {
            throw node.error("missing required key 'debug' (the allowed debug levels, e.g. [0, 1])");
        }
        boolean gc = m.containsKey("gc") && m.get("gc").bool();
        return node.build(() -> new PprofProfileRule(name, seconds, debug, gc));
    }

    static DelvePolicy delve(PolicyNode node) {
        Map<String, PolicyNode> d = node.mapping(Set.of("apiVersion", "methods", "loadLimits"),
                Set.of("commands", "allowUnsafeCall", "allowRegexLocations", "maxExamineMemoryBytes"));
        List<String> methods = d.get("methods").strings();
        List<String> commands = d.containsKey("commands") ? d.get("commands").strings() : List.of();
        for (int k = 0; k < methods.size(); k++) {
            final String m = methods.get(k);
            PolicyNode item = d.get("methods").list().get(k);
            item.build(() -> new DelvePolicy(Set.of(m), Set.of(), 2, false, false,
                    m.equals("ExamineMemory") ? 1 : 0, new LoadLimits(64, 64, 1, -1)));
        }
        for (int k = 0; k < commands.size(); k++) {
            final String c = commands.get(k);
            d.get("commands").list().get(k).build(() -> new DelvePolicy(Set.of("Command"), Set.of(c), 2, false, false, 0,
                    new LoadLimits(64, 64, 1, -1)));
        }
        PolicyNode ll = d.get("loadLimits");
        Map<String, PolicyNode> l = ll.mapping(Set.of("maxStringLen", "maxArrayValues", "maxVariableRecurse", "maxStructFields"), Set.of());
        LoadLimits limits = ll.build(() -> new LoadLimits(l.get("maxStringLen").integer(1, 1 << 20),
                l.get("maxArrayValues").integer(1, 1 << 16), l.get("maxVariableRecurse").integer(0, 16),
                l.get("maxStructFields").integer(-1, 1 << 12)));
        int apiVersion = d.get("apiVersion").integer(2, 2);
        boolean unsafe = d.containsKey("allowUnsafeCall") && d.get("allowUnsafeCall").bool();
        boolean regex = d.containsKey("allowRegexLocations") && d.get("allowRegexLocations").bool();
        int examine = d.containsKey("maxExamineMemoryBytes") ? d.get("maxExamineMemoryBytes").integer(0, 65536) : 0;
        return node.build(() -> new DelvePolicy(Set.copyOf(methods), Set.copyOf(commands), apiVersion, unsafe, regex, examine, limits));
    }

    static DapPolicy dap(PolicyNode node) {
        Map<String, PolicyNode> d = node.mapping(Set.of("requests"),
                Set.of("evaluateContexts", "attachModes", "allowCallExpressions", "allowDlvCommands", "allowLogpoints"));
        List<String> requests = d.get("requests").strings();
        for (int k = 0; k < requests.size(); k++) {
            final String r = requests.get(k);
            d.get("requests").list().get(k).build(() -> new DapPolicy(Set.of(r), Set.of(), Set.of("remote"), false, false, false));
        }
        List<String> contexts = d.containsKey("evaluateContexts") ? d.get("evaluateContexts").strings() : List.of();
        List<String> attach = d.containsKey("attachModes") ? d.get("attachModes").strings() : List.of();
        return node.build(() -> new DapPolicy(Set.copyOf(requests), Set.copyOf(contexts), Set.copyOf(attach),
                flag(d, "allowCallExpressions"), flag(d, "allowDlvCommands"), flag(d, "allowLogpoints")));
    }

    private static boolean flag(Map<String, PolicyNode> m, String key) {
        return m.containsKey(key) && m.get(key).bool();
    }
}
