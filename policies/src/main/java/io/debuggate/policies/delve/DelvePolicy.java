package io.debuggate.policies.delve;

import io.debuggate.policies.DecisionCode;
import io.debuggate.policies.PolicyDecision;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Which Delve JSON-RPC requests a mode lets through. Decides on the method name (exact, with or
 * without the {@code RPCServer.} prefix) and the parameter object ({@code params[0]}): shape first
 * (canonical keys only, no unknown keys, right types), then the policy's own rules.
 *
 * <p>The gateway must parse requests with duplicate-key detection on and forward the object it
 * checked, re-serialized, never the original bytes (debug-protocols.md §1.5).
 */
public final class DelvePolicy {

    private static final String PREFIX = "RPCServer.";

    private final Set<String> methods;
    private final Set<String> commands;
    private final int apiVersion;
    private final boolean allowUnsafeCall;
    private final boolean allowRegexLocations;
    private final int maxExamineMemoryBytes;
    private final LoadLimits loadLimits;

    public DelvePolicy(Set<String> methods, Set<String> commands, int apiVersion, boolean allowUnsafeCall,
            boolean allowRegexLocations, int maxExamineMemoryBytes, LoadLimits loadLimits) {
        for (String m : methods) {
            if (!DelveMethods.known(m)) {
                throw new IllegalArgumentException("unknown Delve method '" + m + "'; known methods: " + DelveMethods.all());
            }
            if (DelveMethods.NEVER.contains(m)) {
                throw new IllegalArgumentException("Delve method '" + m + "' is never allowed by debuggate; remove it");
            }
        }
        for (String c : commands) {
            if (!DelveMethods.COMMANDS.contains(c)) {
                throw new IllegalArgumentException("unknown Delve command name '" + c + "'; known: "
                        + new TreeSet<>(DelveMethods.COMMANDS));
            }
        }
        if (!commands.isEmpty() && !methods.contains("Command")) {
            throw new IllegalArgumentException("commands are listed but method 'Command' is not allowed; add Command to methods");
        }
        if (allowUnsafeCall && !commands.contains("call")) {
            throw new IllegalArgumentException("allowUnsafeCall needs the 'call' command to be allowed");
        }
        if (apiVersion != 2) {
            throw new IllegalArgumentException("apiVersion must be 2 (API v1 flips every connection of the server), got " + apiVersion);
        }
        if (maxExamineMemoryBytes < 0 || maxExamineMemoryBytes > 65536) {
            throw new IllegalArgumentException("maxExamineMemoryBytes must be between 0 and 65536, got " + maxExamineMemoryBytes);
        }
        if (methods.contains("ExamineMemory") && maxExamineMemoryBytes == 0) {
            throw new IllegalArgumentException("ExamineMemory is allowed but maxExamineMemoryBytes is 0; set a limit or remove it");
        }
        this.methods = Set.copyOf(methods);
        this.commands = Set.copyOf(commands);
        this.apiVersion = apiVersion;
        this.allowUnsafeCall = allowUnsafeCall;
        this.allowRegexLocations = allowRegexLocations;
        this.maxExamineMemoryBytes = maxExamineMemoryBytes;
        this.loadLimits = loadLimits;
    }

    public static DelvePolicy denyAll() {
        return new DelvePolicy(Set.of(), Set.of(), 2, false, false, 0, new LoadLimits(64, 64, 1, -1));
    }

    public Set<String> methods() {
        return methods;
    }

    public Set<String> commands() {
        return commands;
    }

    public LoadLimits loadLimits() {
        return loadLimits;
    }

    public int apiVersion() {
        return apiVersion;
    }

    public boolean allowUnsafeCall() {
        return allowUnsafeCall;
    }

    public boolean allowRegexLocations() {
        return allowRegexLocations;
    }

    public int maxExamineMemoryBytes() {
        return maxExamineMemoryBytes;
    }

    /** Decides {@code {"method": method, "params": [params]}}; {@code params} may be null (an empty object). */
    public PolicyDecision decide(String method, @Nullable JsonNode params) {
        String name = method != null && method.startsWith(PREFIX) ? method.substring(PREFIX.length()) : method;
        if (name == null || !DelveMethods.known(name)) {
            return PolicyDecision.deny(DecisionCode.NOT_ALLOWED, "unknown Delve method '" + method
                    + "'; send RPCServer.<Method> with a method name spelled exactly as Delve defines it");
        }
        if (DelveMethods.NEVER.contains(name)) {
            return PolicyDecision.deny(DecisionCode.NEVER_ALLOWED, "Delve method " + name
                    + " is never allowed through debuggate (it relaunches, dumps or reconfigures the debugger)");
        }
        if (!methods.contains(name)) {
            return PolicyDecision.deny(DecisionCode.NOT_ALLOWED, "Delve method " + name
                    + " is not allowed in this mode; request a session in a mode whose policy lists it");
        }
        Optional<PolicyDecision> shape = DelveMethods.METHODS.get(name).check(name, params);
        if (shape.isPresent()) {
            return shape.get();
        }
        JsonNode p = params == null || params.isNull() ? null : params;
        Optional<PolicyDecision> rule = switch (name) {
            case "SetApiVersion" -> apiVersion(p);
            case "Command" -> command(p);
            case "Detach" -> flag(p, "Kill") ? Optional.of(PolicyDecision.deny(DecisionCode.NEVER_ALLOWED,
                    "Detach with Kill:true would kill the production process; send Kill:false")) : Optional.empty();
            case "Eval", "ListLocalVars", "ListFunctionArgs", "ListPackageVars", "Stacktrace" -> loadConfig(name + ".Cfg", field(p, "Cfg"));
            case "GetBufferedTracepoints" -> loadConfig(name + ".LoadCfg", field(p, "LoadCfg"));
            case "CreateBreakpoint", "AmendBreakpoint" -> breakpoint(name, p);
            case "ExamineMemory" -> examineMemory(p);
            default -> Optional.empty();
        };
        return rule.orElseGet(() -> PolicyDecision.allow("Delve " + name));
    }

    private Optional<PolicyDecision> apiVersion(JsonNode p) {
        JsonNode v = field(p, "APIVersion");
        if (v == null || !v.canConvertToInt() || v.asInt() != apiVersion) {
            return Optional.of(PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED, "SetApiVersion must set APIVersion "
                    + apiVersion + "; any other value switches every client of this debugger to another API"));
        }
        return Optional.empty();
    }

    private Optional<PolicyDecision> command(JsonNode p) {
        JsonNode n = field(p, "name");
        if (n == null || !n.isString()) {
            return Optional.of(PolicyDecision.deny(DecisionCode.MISSING_ARGUMENT, "Command needs a name, e.g. {\"name\":\"halt\"}"));
        }
        String c = n.stringValue();
        if (!commands.contains(c)) {
            return Optional.of(PolicyDecision.deny(DecisionCode.NOT_ALLOWED, "Command '" + c
                    + "' is not allowed in this mode; allowed: " + new TreeSet<>(commands)));
        }
        if (flag(p, "unsafeCall") && !allowUnsafeCall) {
            return Optional.of(PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED,
                    "Command with unsafeCall:true is not allowed; drop unsafeCall"));
        }
        return loadConfig("Command.ReturnInfoLoadConfig", field(p, "ReturnInfoLoadConfig"));
    }

    private Optional<PolicyDecision> breakpoint(String method, JsonNode p) {
        String loc = text(field(p, "LocExpr"));
        if (!allowRegexLocations && (loc.startsWith("/") || loc.startsWith("*"))) {
            return Optional.of(PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED, method + ": location '" + loc
                    + "' sets breakpoints by regex or raw address, which this mode does not allow; name one function or file:line"));
        }
        JsonNode bp = field(p, "Breakpoint");
        Optional<PolicyDecision> bad = loadConfig(method + ".Breakpoint.LoadArgs", field(bp, "LoadArgs"));
        return bad.isPresent() ? bad : loadConfig(method + ".Breakpoint.LoadLocals", field(bp, "LoadLocals"));
    }

    private Optional<PolicyDecision> examineMemory(JsonNode p) {
        JsonNode len = field(p, "Length");
        if (len == null || !len.canConvertToInt() || len.asInt() < 1 || len.asInt() > maxExamineMemoryBytes) {
            return Optional.of(PolicyDecision.deny(DecisionCode.ARGUMENT_OUT_OF_RANGE, "ExamineMemory Length must be between 1 and "
                    + maxExamineMemoryBytes));
        }
        return Optional.empty();
    }

    /** A LoadConfig may be absent (Delve's bounded defaults apply) but a present one must stay within the limits. */
    private Optional<PolicyDecision> loadConfig(String path, JsonNode cfg) {
        if (cfg == null || cfg.isNull()) {
            return Optional.empty();
        }
        Optional<PolicyDecision> bad = bound(path, cfg, "MaxStringLen", loadLimits.maxStringLen());
        if (bad.isEmpty()) {
            bad = bound(path, cfg, "MaxArrayValues", loadLimits.maxArrayValues());
        }
        if (bad.isEmpty()) {
            bad = bound(path, cfg, "MaxVariableRecurse", loadLimits.maxVariableRecurse());
        }
        if (bad.isEmpty()) {
            JsonNode v = cfg.get("MaxStructFields");
            int limit = loadLimits.maxStructFields();
            if (v != null && limit != -1 && (!v.canConvertToInt() || v.asInt() < 0 || v.asInt() > limit)) {
                bad = Optional.of(PolicyDecision.deny(DecisionCode.ARGUMENT_OUT_OF_RANGE, path
                        + ".MaxStructFields must be between 0 and " + limit + " in this mode (-1, all fields, is not allowed)"));
            }
        }
        return bad;
    }

    private static Optional<PolicyDecision> bound(String path, JsonNode cfg, String key, int max) {
        JsonNode v = cfg.get(key);
        if (v != null && (!v.canConvertToInt() || v.asInt() < 0 || v.asInt() > max)) {
            return Optional.of(PolicyDecision.deny(DecisionCode.ARGUMENT_OUT_OF_RANGE, path + "." + key
                    + " must be between 0 and " + max + " in this mode"));
        }
        return Optional.empty();
    }

    private static JsonNode field(JsonNode p, String key) {
        return p == null ? null : p.get(key);
    }

    private static boolean flag(JsonNode p, String key) {
        JsonNode v = field(p, key);
        return v != null && v.isBoolean() && v.booleanValue();
    }

    private static String text(JsonNode v) {
        return v != null && v.isString() ? v.stringValue().trim() : "";
    }
}
