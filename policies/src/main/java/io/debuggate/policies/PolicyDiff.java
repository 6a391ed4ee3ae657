package io.debuggate.policies;

import io.debuggate.policies.dap.DapPolicy;
import io.debuggate.policies.delve.DelvePolicy;
import io.debuggate.policies.masking.MaskingPolicy;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What changed between two policies, as setting paths with their old and new values
 * ({@code modes.snapshot.haltBudget.perStop: 500ms → 1s}). Sets show what was added and removed.
 * For people (the reload answer) and the audit trail; the source file name is not a setting.
 */
public record PolicyDiff(List<Change> changes) {

    /**
     * One changed setting; {@code before} is null for an added setting, {@code after} for a removed one.
     */
    public record Change(String path, @Nullable String before, @Nullable String after) {

        @Override
        public String toString() {
            if (before == null) {
                return path + ": added " + after;
            }
            if (after == null) {
                return path + ": removed (was " + before + ")";
            }
            return path + ": " + before + " → " + after;
        }
    }

    public PolicyDiff {
        changes = List.copyOf(changes);
    }

    public static PolicyDiff between(PolicySet before, PolicySet after) {
        SortedMap<String, Object> a = flatten(before);
        SortedMap<String, Object> b = flatten(after);
        TreeSet<String> paths = new TreeSet<>(a.keySet());
        paths.addAll(b.keySet());
        List<Change> changes = new ArrayList<>();
        for (String path : paths) {
            Object x = a.get(path);
            Object y = b.get(path);
            if (!Objects.equals(x, y)) {
                changes.add(change(path, x, y));
            }
        }
        return new PolicyDiff(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The changes as lines, e.g. for the audit trail's details. */
    public List<String> lines() {
        return changes.stream().map(Change::toString).toList();
    }

    /** Whether any setting under {@code prefix} (e.g. {@code masking}) changed. */
    public boolean touches(String prefix) {
        return changes.stream().anyMatch(c -> c.path().equals(prefix) || c.path().startsWith(prefix + "."));
    }

    private static Change change(String path, @Nullable Object before, @Nullable Object after) {
        if (before instanceof TreeSet<?> x && after instanceof TreeSet<?> y) {
            TreeSet<String> added = strings(y);
            added.removeAll(strings(x));
            TreeSet<String> removed = strings(x);
            removed.removeAll(strings(y));
            StringBuilder delta = new StringBuilder();
            added.forEach(v -> delta.append(delta.isEmpty() ? "" : " ").append('+').append(v));
            removed.forEach(v -> delta.append(delta.isEmpty() ? "" : " ").append('-').append(v));
            return new Change(path, x.toString(), y + " (" + delta + ")");
        }
        return new Change(path, before == null ? null : before.toString(), after == null ? null : after.toString());
    }

    private static TreeSet<String> strings(Collection<?> values) {
        TreeSet<String> out = new TreeSet<>();
        values.forEach(v -> out.add(String.valueOf(v)));
        return out;
    }

    private static SortedMap<String, Object> flatten(PolicySet p) {
        SortedMap<String, Object> out = new TreeMap<>();
        out.put("version", p.version());
        p.modes().forEach((name, mode) -> mode(out, "modes." + name, mode));
        record(out, "health", p.health());
        masking(out, p.masking());
        record(out, "approvals", p.approvals());
        for (PolicyOverride o : p.overrides()) {
            String at = "overrides[" + o.index() + "]";
            out.put(at + ".match", o.describeMatch());
            if (!o.description().isEmpty()) {
                out.put(at + ".description", o.description());
            }
            o.modes().forEach((name, n) -> out.put(at + ".modes." + name, n.describe()));
        }
        return out;
    }

    private static void mode(Map<String, Object> out, String at, ModePolicy m) {
        out.put(at + ".description", m.description());
        out.put(at + ".maxSessionDuration", value(m.maxSessionDuration()));
        record(out, at + ".haltBudget", m.haltBudget());
        m.pprof().profiles().forEach((name, rule) -> out.put(at + ".pprof.profiles." + name,
                "{maxSeconds=" + rule.maxSeconds() + ", debug=" + new TreeSet<>(rule.debugLevels()) + ", gc=" + rule.gcAllowed() + "}"));
        DelvePolicy d = m.delve();
        out.put(at + ".delve.methods", new TreeSet<>(d.methods()));
        out.put(at + ".delve.commands", new TreeSet<>(d.commands()));
        record(out, at + ".delve.loadLimits", d.loadLimits());
        out.put(at + ".delve.allowUnsafeCall", d.allowUnsafeCall());
        out.put(at + ".delve.allowRegexLocations", d.allowRegexLocations());
        out.put(at + ".delve.maxExamineMemoryBytes", d.maxExamineMemoryBytes());
        DapPolicy dap = m.dap();
        out.put(at + ".dap.requests", new TreeSet<>(dap.requests()));
        out.put(at + ".dap.evaluateContexts", new TreeSet<>(dap.evaluateContexts()));
        out.put(at + ".dap.attachModes", new TreeSet<>(dap.attachModes()));
        out.put(at + ".dap.allowCallExpressions", dap.allowCallExpressions());
        out.put(at + ".dap.allowDlvCommands", dap.allowDlvCommands());
        out.put(at + ".dap.allowLogpoints", dap.allowLogpoints());
    }

    private static void masking(Map<String, Object> out, MaskingPolicy m) {
        m.builtins().forEach((detector, rule) -> out.put("masking.rules." + detector.id(),
                (rule.enabled() ? "" : "off ") + rule.style()));
        m.customRules().forEach(r -> out.put("masking.custom." + r.id(), r.pattern().pattern() + " " + r.style()));
        out.put("masking.fieldNames", new TreeSet<>(m.fieldNames()));
        out.put("masking.goTypes", new TreeSet<>(m.goTypes()));
    }

    /** A record's components as settings, read generically so new settings appear in diffs without code here. */
    private static void record(Map<String, Object> out, String at, Record r) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                out.put(at + "." + c.getName(), value(c.getAccessor().invoke(r)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + at + "." + c.getName(), e);
            }
        }
    }

    private static Object value(@Nullable Object v) {
        return switch (v) {
            case null -> "";
            case Duration d -> Durations.format(d);
            case Collection<?> c -> c.stream().map(PolicyDiff::value).map(Object::toString).toList().toString();
            case Record r -> {
                Map<String, Object> parts = new java.util.LinkedHashMap<>();
                record(parts, "", r);
                StringBuilder sb = new StringBuilder("{");
                parts.forEach((k, x) -> sb.append(sb.length() > 1 ? ", " : "").append(k.substring(1)).append('=').append(x));
                yield sb.append('}').toString();
            }
            default -> v;
        };
    }
}
