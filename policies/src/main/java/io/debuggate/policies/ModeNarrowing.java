package io.debuggate.policies;

import io.debuggate.policies.dap.DapPolicy;
import io.debuggate.policies.delve.DelvePolicy;
import io.debuggate.policies.delve.LoadLimits;
import io.debuggate.policies.pprof.PprofPolicy;
import io.debuggate.policies.pprof.PprofProfileRule;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What one override takes away from one mode. Every field can only narrow: limits are lowered to
 * at most the given value (never raised), lists lose the named entries, flags can only be turned
 * off. A {@code null} limit leaves the mode's own value. Applying several narrowings in any order
 * gives the same result, so overrides compose without surprises.
 *
 * @param pprofMaxSeconds caps {@code maxSeconds}/{@code maxDeltaSeconds} of every pprof profile
 * @param maxStructFields at least 1; caps a mode that allows all fields (-1) as well
 */
public record ModeNarrowing(
        @Nullable Duration maxSessionDuration,
        @Nullable Duration perStop,
        @Nullable Double maxShareOfWallTime,
        @Nullable Integer pprofMaxSeconds,
        Set<String> removeProfiles,
        Set<String> removeMethods,
        Set<String> removeCommands,
        @Nullable Integer maxStringLen,
        @Nullable Integer maxArrayValues,
        @Nullable Integer maxVariableRecurse,
        @Nullable Integer maxStructFields,
        boolean denyUnsafeCall,
        boolean denyRegexLocations,
        Set<String> removeDapRequests,
        boolean denyCallExpressions,
        boolean denyDlvCommands,
        boolean denyLogpoints) {

    public ModeNarrowing {
        removeProfiles = Set.copyOf(removeProfiles);
        removeMethods = Set.copyOf(removeMethods);
        removeCommands = Set.copyOf(removeCommands);
        removeDapRequests = Set.copyOf(removeDapRequests);
        if (maxStructFields != null && maxStructFields < 1) {
            throw new IllegalArgumentException("delve.loadLimits.maxStructFields must be at least 1 in an override, got "
                    + maxStructFields);
        }
    }

    /**
     * The mode with this narrowing applied.
     *
     * @throws IllegalArgumentException when the result would not be a valid mode (e.g. a debugger
     *     mode left without halt budget), naming what to change
     */
    public ModePolicy applyTo(ModePolicy base) {
        HaltBudget hb = base.haltBudget();
        HaltBudget budget = new HaltBudget(min(hb.perStop(), perStop),
                maxShareOfWallTime == null ? hb.maxShareOfWallTime() : Math.min(hb.maxShareOfWallTime(), maxShareOfWallTime),
                hb.window());
        DelvePolicy delve = delve(base.delve());
        DapPolicy dap = dap(base.dap());
        if (!budget.mayHalt() && (!delve.methods().isEmpty() || !dap.requests().isEmpty())) {
            throw new IllegalArgumentException("mode '" + base.name() + "' would allow debugger requests with a zero halt budget; "
                    + "remove all its Delve methods and DAP requests too, or keep a budget above zero");
        }
        return new ModePolicy(base.name(), base.description(), min(base.maxSessionDuration(), maxSessionDuration), budget,
                pprof(base.pprof()), delve, dap);
    }

    /**
     * Why this narrowing cannot apply to {@code base} (a value above the mode's own, or removing
     * something the mode does not allow, which is most likely a typo), or {@code null} when it can.
     */
    public @Nullable String problemWith(ModePolicy base) {
        String name = base.name();
        if (above(maxSessionDuration, base.maxSessionDuration())) {
            return widens("maxSessionDuration", Durations.format(maxSessionDuration), Durations.format(base.maxSessionDuration()), name);
        }
        if (above(perStop, base.haltBudget().perStop())) {
            return widens("haltBudget.perStop", Durations.format(perStop), Durations.format(base.haltBudget().perStop()), name);
        }
        if (maxShareOfWallTime != null && maxShareOfWallTime > base.haltBudget().maxShareOfWallTime()) {
            return widens("haltBudget.maxShareOfWallTime", maxShareOfWallTime.toString(),
                    Double.toString(base.haltBudget().maxShareOfWallTime()), name);
        }
        String missing = firstMissing(removeProfiles, base.pprof().profiles().keySet());
        if (missing != null) {
            return nothingToRemove(name, "pprof profile", missing);
        }
        missing = firstMissing(removeMethods, base.delve().methods());
        if (missing != null) {
            return nothingToRemove(name, "Delve method", missing);
        }
        missing = firstMissing(removeCommands, base.delve().commands());
        if (missing != null) {
            return nothingToRemove(name, "Delve command", missing);
        }
        missing = firstMissing(removeDapRequests, base.dap().requests());
        if (missing != null) {
            return nothingToRemove(name, "DAP request", missing);
        }
        LoadLimits l = base.delve().loadLimits();
        String limit = above("maxStringLen", maxStringLen, l.maxStringLen())
                + above("maxArrayValues", maxArrayValues, l.maxArrayValues())
                + above("maxVariableRecurse", maxVariableRecurse, l.maxVariableRecurse())
                + (l.maxStructFields() == -1 ? "" : above("maxStructFields", maxStructFields, l.maxStructFields()));
        if (!limit.isEmpty()) {
            return "overrides may only narrow: " + limit.trim() + " in mode '" + name + "'";
        }
        try {
            applyTo(base);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    private PprofPolicy pprof(PprofPolicy base) {
        Map<String, PprofProfileRule> rules = new LinkedHashMap<>();
        base.profiles().forEach((name, rule) -> {
            if (!removeProfiles.contains(name)) {
                int seconds = pprofMaxSeconds == null ? rule.maxSeconds() : Math.min(rule.maxSeconds(), pprofMaxSeconds);
                rules.put(name, new PprofProfileRule(name, seconds, rule.debugLevels(), rule.gcAllowed()));
            }
        });
        return new PprofPolicy(rules);
    }

    private DelvePolicy delve(DelvePolicy base) {
        Set<String> methods = without(base.methods(), removeMethods);
        // Commands exist only through the Command method; without it they are gone as well.
        Set<String> commands = methods.contains("Command") ? without(base.commands(), removeCommands) : Set.of();
        boolean unsafe = base.allowUnsafeCall() && !denyUnsafeCall && commands.contains("call");
        LoadLimits l = base.loadLimits();
        LoadLimits limits = new LoadLimits(min(l.maxStringLen(), maxStringLen), min(l.maxArrayValues(), maxArrayValues),
                min(l.maxVariableRecurse(), maxVariableRecurse), structFields(l.maxStructFields()));
        return new DelvePolicy(methods, commands, base.apiVersion(), unsafe, base.allowRegexLocations() && !denyRegexLocations,
                methods.contains("ExamineMemory") ? base.maxExamineMemoryBytes() : 0, limits);
    }

    private DapPolicy dap(DapPolicy base) {
        return new DapPolicy(without(base.requests(), removeDapRequests), base.evaluateContexts(), base.attachModes(),
                base.allowCallExpressions() && !denyCallExpressions, base.allowDlvCommands() && !denyDlvCommands,
                base.allowLogpoints() && !denyLogpoints);
    }

    private int structFields(int base) {
        if (maxStructFields == null) {
            return base;
        }
        return base == -1 ? maxStructFields : Math.min(base, maxStructFields);
    }

    private static Set<String> without(Set<String> base, Set<String> removed) {
        Set<String> out = new HashSet<>(base);
        out.removeAll(removed);
        return out;
    }

    private static Duration min(Duration base, @Nullable Duration cap) {
        return cap == null || base.compareTo(cap) <= 0 ? base : cap;
    }

    private static int min(int base, @Nullable Integer cap) {
        return cap == null ? base : Math.min(base, cap);
    }

    private static boolean above(@Nullable Duration value, Duration base) {
        return value != null && value.compareTo(base) > 0;
    }

    private static String above(String what, @Nullable Integer value, int base) {
        return value != null && value > base ? "delve.loadLimits." + what + " " + value + " is above the mode's own " + base + " " : "";
    }

    private static @Nullable String firstMissing(Set<String> removed, Set<String> present) {
        return new TreeSet<>(removed).stream().filter(r -> !present.contains(r)).findFirst().orElse(null);
    }

    private static String widens(String what, String value, String base, String mode) {
        return "overrides may only narrow: " + what + " " + value + " is above the " + base + " of mode '" + mode
                + "'; lower it to at most " + base + " or change the mode itself";
    }

    private static String nothingToRemove(String mode, String what, String name) {
        return "mode '" + mode + "' does not allow " + what + " '" + name + "', so there is nothing to remove; check the spelling";
    }

    /** A compact one-line form for diffs and explanations, listing only what it changes. */
    public String describe() {
        Map<String, Object> parts = new LinkedHashMap<>();
        put(parts, "maxSessionDuration", maxSessionDuration == null ? null : Durations.format(maxSessionDuration));
        put(parts, "perStop", perStop == null ? null : Durations.format(perStop));
        put(parts, "maxShareOfWallTime", maxShareOfWallTime);
        put(parts, "pprof.maxSeconds", pprofMaxSeconds);
        put(parts, "pprof.removeProfiles", removeProfiles.isEmpty() ? null : new TreeSet<>(removeProfiles));
        put(parts, "delve.removeMethods", removeMethods.isEmpty() ? null : new TreeSet<>(removeMethods));
        put(parts, "delve.removeCommands", removeCommands.isEmpty() ? null : new TreeSet<>(removeCommands));
        put(parts, "delve.maxStringLen", maxStringLen);
        put(parts, "delve.maxArrayValues", maxArrayValues);
        put(parts, "delve.maxVariableRecurse", maxVariableRecurse);
        put(parts, "delve.maxStructFields", maxStructFields);
        put(parts, "delve.allowUnsafeCall", denyUnsafeCall ? false : null);
        put(parts, "delve.allowRegexLocations", denyRegexLocations ? false : null);
        put(parts, "dap.removeRequests", removeDapRequests.isEmpty() ? null : new TreeSet<>(removeDapRequests));
        put(parts, "dap.allowCallExpressions", denyCallExpressions ? false : null);
        put(parts, "dap.allowDlvCommands", denyDlvCommands ? false : null);
        put(parts, "dap.allowLogpoints", denyLogpoints ? false : null);
        StringBuilder sb = new StringBuilder("{");
        parts.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return sb.append('}').toString();
    }

    private static void put(Map<String, Object> parts, String key, @Nullable Object value) {
        if (value != null) {
            parts.put(key, Objects.toString(value));
        }
    }
}
