package io.debuggate.policies.dap;

import io.debuggate.policies.DecisionCode;
import io.debuggate.policies.PolicyDecision;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Which DAP requests a mode lets through, and with which arguments: attach only in the listed modes
 * ({@code remote}: to the already running headless debugger), never {@code terminateDebuggee} or
 * {@code restart} on disconnect, evaluate without {@code call } injection or {@code dlv } commands
 * unless allowed, logpoints only when allowed.
 */
public final class DapPolicy {

    private final Set<String> requests;
    private final Set<String> evaluateContexts;
    private final Set<String> attachModes;
    private final boolean allowCallExpressions;
    private final boolean allowDlvCommands;
    private final boolean allowLogpoints;

    public DapPolicy(Set<String> requests, Set<String> evaluateContexts, Set<String> attachModes,
            boolean allowCallExpressions, boolean allowDlvCommands, boolean allowLogpoints) {
        for (String r : requests) {
            if (!DapRequests.known(r)) {
                throw new IllegalArgumentException("unknown DAP request '" + r + "'; known: " + DapRequests.all());
            }
            if (DapRequests.NEVER.contains(r)) {
                throw new IllegalArgumentException("DAP request '" + r + "' is never allowed by debuggate; remove it");
            }
        }
        Set<String> contexts = Set.of("watch", "repl", "hover", "clipboard", "variables");
        for (String c : evaluateContexts) {
            if (!contexts.contains(c)) {
                throw new IllegalArgumentException("unknown evaluate context '" + c + "'; known: " + new TreeSet<>(contexts));
            }
        }
        for (String m : attachModes) {
            if (!m.equals("remote") && !m.equals("local")) {
                throw new IllegalArgumentException("attach mode must be 'remote' or 'local', got '" + m + "'");
            }
        }
        if (requests.contains("attach") && attachModes.isEmpty()) {
            throw new IllegalArgumentException("DAP attach is allowed but attachModes is empty; list 'remote'");
        }
        this.requests = Set.copyOf(requests);
        this.evaluateContexts = Set.copyOf(evaluateContexts);
        this.attachModes = Set.copyOf(attachModes);
        this.allowCallExpressions = allowCallExpressions;
        this.allowDlvCommands = allowDlvCommands;
        this.allowLogpoints = allowLogpoints;
    }

    public static DapPolicy denyAll() {
        return new DapPolicy(Set.of(), Set.of(), Set.of(), false, false, false);
    }

    public Set<String> requests() {
        return requests;
    }

    public Set<String> evaluateContexts() {
        return evaluateContexts;
    }

    public Set<String> attachModes() {
        return attachModes;
    }

    public boolean allowCallExpressions() {
        return allowCallExpressions;
    }

    public boolean allowDlvCommands() {
        return allowDlvCommands;
    }

    public boolean allowLogpoints() {
        return allowLogpoints;
    }

    /** Decides a DAP request {@code {"command": command, "arguments": arguments}}. */
    public PolicyDecision decide(String command, @Nullable JsonNode arguments) {
        if (command == null || !DapRequests.known(command)) {
            return PolicyDecision.deny(DecisionCode.NOT_ALLOWED, "unknown DAP request '" + command
                    + "'; commands are case-sensitive (e.g. 'setBreakpoints')");
        }
        if (DapRequests.NEVER.contains(command)) {
            return PolicyDecision.deny(DecisionCode.NEVER_ALLOWED, "DAP " + command
                    + " is never allowed through debuggate (it starts, relaunches or writes to the target)");
        }
        if (!requests.contains(command)) {
            return PolicyDecision.deny(DecisionCode.NOT_ALLOWED, "DAP " + command
                    + " is not allowed in this mode; request a session in a mode whose policy lists it");
        }
        JsonNode args = arguments == null || arguments.isNull() ? null : arguments;
        if (args != null && !args.isObject()) {
            return PolicyDecision.deny(DecisionCode.MALFORMED_ARGUMENT, "DAP " + command + " arguments must be a JSON object");
        }
        if (args != null) {
            for (Map.Entry<String, JsonNode> e : args.properties()) {
                String canonical = DapRequests.canonicalVariant(command, e.getKey());
                if (canonical != null) {
                    return PolicyDecision.deny(DecisionCode.NON_CANONICAL_KEY, "DAP " + command + ": argument '"
                            + e.getKey() + "' is not spelled canonically; send '" + canonical + "'");
                }
            }
        }
        PolicyDecision rule = switch (command) {
            case "attach" -> attach(args);
            case "disconnect", "terminate" -> disconnect(command, args);
            case "evaluate" -> evaluate(args);
            case "setBreakpoints" -> setBreakpoints(args);
            default -> null;
        };
        return rule != null ? rule : PolicyDecision.allow("DAP " + command);
    }

    private @Nullable PolicyDecision attach(@Nullable JsonNode args) {
        // Delve's default attach mode is "local" (any PID the debugger user can trace).
        String mode = text(args, "mode", "local");
        if (!attachModes.contains(mode)) {
            return PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED, "DAP attach mode '" + mode
                    + "' is not allowed; use mode " + new TreeSet<>(attachModes));
        }
        return null;
    }

    private static @Nullable PolicyDecision disconnect(String command, @Nullable JsonNode args) {
        if (bool(args, "terminateDebuggee")) {
            return PolicyDecision.deny(DecisionCode.NEVER_ALLOWED,
                    "DAP " + command + " with terminateDebuggee:true would kill the production process; send false");
        }
        if (bool(args, "restart")) {
            return PolicyDecision.deny(DecisionCode.NEVER_ALLOWED, "DAP " + command + " with restart:true relaunches the target; send false");
        }
        return null;
    }

    private @Nullable PolicyDecision evaluate(@Nullable JsonNode args) {
        JsonNode expr = args == null ? null : args.get("expression");
        if (expr == null || !expr.isString()) {
            return PolicyDecision.deny(DecisionCode.MISSING_ARGUMENT, "DAP evaluate needs a string expression");
        }
        String e = expr.stringValue().stripLeading();
        if (e.startsWith("call ") && !allowCallExpressions) {
            return PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED,
                    "DAP evaluate 'call ...' injects a function call into the target and is not allowed in this mode");
        }
        if (e.startsWith("dlv ") && !allowDlvCommands) {
            return PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED,
                    "DAP evaluate 'dlv ...' runs debugger commands and is not allowed in this mode");
        }
        String context = text(args, "context", null);
        if (context != null && !evaluateContexts.contains(context)) {
            return PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED, "DAP evaluate context '" + context
                    + "' is not allowed; use one of " + new TreeSet<>(evaluateContexts));
        }
        return null;
    }

    private @Nullable PolicyDecision setBreakpoints(@Nullable JsonNode args) {
        JsonNode bps = args == null ? null : args.get("breakpoints");
        if (bps == null || !bps.isArray() || allowLogpoints) {
            return null;
        }
        for (JsonNode bp : bps.values()) {
            if (bp.has("logMessage")) {
                return PolicyDecision.deny(DecisionCode.ARGUMENT_NOT_ALLOWED,
                        "DAP logpoints (logMessage) are not allowed in this mode; set plain breakpoints");
            }
        }
        return null;
    }

    private static @Nullable String text(@Nullable JsonNode args, String key, @Nullable String dflt) {
        JsonNode v = args == null ? null : args.get(key);
        return v != null && v.isString() ? v.stringValue() : dflt;
    }

    private static boolean bool(@Nullable JsonNode args, String key) {
        JsonNode v = args == null ? null : args.get(key);
        return v != null && v.isBoolean() && v.booleanValue();
    }
}
