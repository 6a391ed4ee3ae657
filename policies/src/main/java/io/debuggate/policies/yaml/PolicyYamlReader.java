package io.debuggate.policies.yaml;

import io.debuggate.policies.ApprovalPolicy;
import io.debuggate.policies.HaltBudget;
import io.debuggate.policies.HealthThresholds;
import io.debuggate.policies.LevelThreshold;
import io.debuggate.policies.ModePolicy;
import io.debuggate.policies.PolicyLoadException;
import io.debuggate.policies.PolicyOverride;
import io.debuggate.policies.PolicySet;
import io.debuggate.policies.dap.DapPolicy;
import io.debuggate.policies.delve.DelvePolicy;
import io.debuggate.policies.pprof.PprofPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Turns policy YAML text into a validated {@link PolicySet}; see policies/README.md for the schema. */
public final class PolicyYamlReader {

    public static final int VERSION = 1;

    private PolicyYamlReader() {
    }

    public static PolicySet read(String yaml, String source) {
        PolicyNode root = new PolicyNode(compose(yaml, source), "", source);
        Map<String, PolicyNode> top = root.mapping(Set.of("version", "modes", "health", "masking", "approvals"), Set.of("overrides"));
        int version = top.get("version").integer(VERSION, VERSION);
        Map<String, ModePolicy> modes = new LinkedHashMap<>();
        PolicyNode modesNode = top.get("modes");
        modesNode.entries(k -> k.matches("[a-z][a-z0-9-]{0,31}") ? null
                : "mode name '" + k + "' must be lower-case letters, digits and '-'")
                .forEach((name, node) -> modes.put(name, mode(name, node)));
        if (modes.isEmpty()) {
            throw modesNode.error("a policy needs at least one mode");
        }
        List<PolicyOverride> overrides = top.containsKey("overrides") ? OverridesYamlReader.overrides(top.get("overrides"), modes)
                : List.of();
        return new PolicySet(source, version, modes, health(top.get("health")),
                MaskingYamlReader.masking(top.get("masking")), approvals(top.get("approvals")), overrides);
    }

    private static Node compose(String yaml, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(1 << 20);
        try {
            Node node = new Yaml(new SafeConstructor(options)).compose(new java.io.StringReader(yaml));
            if (node == null) {
                throw new PolicyLoadException(source, 1, 1, "the file is empty; start from the shipped default-policy.yaml");
            }
            return node;
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String reason = "malformed YAML: " + (e.getContext() != null ? e.getContext() + ", " : "") + e.getProblem();
            throw new PolicyLoadException(source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, reason, e);
        } catch (YAMLException e) {
            throw new PolicyLoadException(source, 0, 0, "malformed YAML: " + e.getMessage(), e);
        }
    }

    private static ModePolicy mode(String name, PolicyNode node) {
        Map<String, PolicyNode> m = node.mapping(Set.of("maxSessionDuration", "haltBudget"),
                Set.of("description", "pprof", "delve", "dap"));
        PolicyNode hb = m.get("haltBudget");
        Map<String, PolicyNode> h = hb.mapping(Set.of("perStop", "maxShareOfWallTime", "window"), Set.of());
        HaltBudget budget = hb.build(() -> new HaltBudget(h.get("perStop").duration(),
                h.get("maxShareOfWallTime").decimal(0, 1), h.get("window").duration()));
        PprofPolicy pprof = m.containsKey("pprof") ? ModeSectionReader.pprof(m.get("pprof")) : PprofPolicy.denyAll();
        DelvePolicy delve = m.containsKey("delve") ? ModeSectionReader.delve(m.get("delve")) : DelvePolicy.denyAll();
        DapPolicy dap = m.containsKey("dap") ? ModeSectionReader.dap(m.get("dap")) : DapPolicy.denyAll();
        if (!budget.mayHalt() && (!delve.methods().isEmpty() || !dap.requests().isEmpty())) {
            throw hb.error("mode '" + name + "' allows debugger requests but its halt budget is zero; "
                    + "give it a budget or remove the delve/dap sections");
        }
        String description = m.containsKey("description") ? m.get("description").string() : "";
        PolicyNode duration = m.get("maxSessionDuration");
        return duration.build(() -> new ModePolicy(name, description, duration.duration(), budget, pprof, delve, dap));
    }

    private static HealthThresholds health(PolicyNode node) {
        Map<String, PolicyNode> h = node.mapping(Set.of("cpu", "errorRate", "calmPeriod"), Set.of("signals"));
        Map<String, PolicyNode> cpu = h.get("cpu").mapping(Set.of("maxUtilization", "sustainedFor"), Set.of());
        Map<String, PolicyNode> err = h.get("errorRate").mapping(Set.of("maxRatio", "minRequests", "window"), Set.of());
        List<LevelThreshold> signals = new ArrayList<>();
        if (h.containsKey("signals") && !h.get("signals").isNull()) {
            h.get("signals").entries(k -> k.matches("[a-z][a-z0-9-]{0,31}") ? null
                    : "signal name '" + k + "' must be lower-case letters, digits and '-'")
                    .forEach((name, s) -> signals.add(levelSignal(name, s)));
        }
        return node.build(() -> new HealthThresholds(
                cpu.get("maxUtilization").decimal(0.01, 1.0), cpu.get("sustainedFor").duration(),
                err.get("maxRatio").decimal(0.0001, 1.0), err.get("minRequests").integer(1, 1_000_000),
                err.get("window").duration(), h.get("calmPeriod").duration(), signals));
    }

    private static LevelThreshold levelSignal(String name, PolicyNode node) {
        Map<String, PolicyNode> s = node.mapping(Set.of("max", "sustainedFor"), Set.of());
        return node.build(() -> new LevelThreshold(name, s.get("max").decimal(0, 1e12), s.get("sustainedFor").duration()));
    }

    private static ApprovalPolicy approvals(PolicyNode node) {
        Map<String, PolicyNode> a = node.mapping(Set.of("approvalTtl", "maxGrantDuration"), Set.of());
        return node.build(() -> new ApprovalPolicy(a.get("approvalTtl").duration(), a.get("maxGrantDuration").duration()));
    }
}
