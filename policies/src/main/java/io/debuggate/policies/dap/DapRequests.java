package io.debuggate.policies.dap;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Catalogue of the DAP requests Delve handles ({@code service/dap/server.go}) with the argument keys
 * a policy inspects. Unknown argument keys pass (editors add their own, Delve ignores them), but a
 * key that is a case variant of a known one is refused: Go's decoder would honour it.
 */
public final class DapRequests {

    /** Requests no policy may allow: they launch programs, relaunch or write target memory. */
    public static final Set<String> NEVER = Set.of("launch", "restart", "writeMemory", "runInTerminal", "startDebugging");

    static final Map<String, Set<String>> KEYS;

    static {
        Map<String, Set<String>> m = new TreeMap<>();
        m.put("initialize", Set.of("clientID", "clientName", "adapterID", "locale", "linesStartAt1", "columnsStartAt1",
                "pathFormat", "supportsVariableType", "supportsVariablePaging", "supportsRunInTerminalRequest",
                "supportsMemoryReferences", "supportsProgressReporting", "supportsInvalidatedEvent", "supportsMemoryEvent",
                "supportsArgsCanBeInterpretedByShell", "supportsStartDebuggingRequest"));
        m.put("attach", Set.of("mode", "processId", "backend", "stopOnEntry", "showGlobalVariables", "showRegisters",
                "showPprofLabels", "hideSystemGoroutines", "goroutineFilters", "stackTraceDepth", "substitutePath",
                "cwd", "dlvCwd", "env", "request", "name", "type", "host", "port"));
        m.put("disconnect", Set.of("restart", "terminateDebuggee", "suspendDebuggee"));
        m.put("terminate", Set.of("restart"));
        m.put("configurationDone", Set.of());
        m.put("setBreakpoints", Set.of("source", "breakpoints", "lines", "sourceModified"));
        m.put("setFunctionBreakpoints", Set.of("breakpoints"));
        m.put("setInstructionBreakpoints", Set.of("breakpoints"));
        m.put("setExceptionBreakpoints", Set.of("filters", "filterOptions", "exceptionOptions"));
        m.put("setDataBreakpoints", Set.of("breakpoints"));
        m.put("dataBreakpointInfo", Set.of("variablesReference", "name", "frameId"));
        m.put("continue", Set.of("threadId", "singleThread"));
        m.put("next", Set.of("threadId", "singleThread", "granularity"));
        m.put("stepIn", Set.of("threadId", "singleThread", "targetId", "granularity"));
        m.put("stepOut", Set.of("threadId", "singleThread", "granularity"));
        m.put("stepBack", Set.of("threadId", "singleThread", "granularity"));
        m.put("reverseContinue", Set.of("threadId", "singleThread"));
        m.put("pause", Set.of("threadId"));
        m.put("threads", Set.of());
        m.put("stackTrace", Set.of("threadId", "startFrame", "levels", "format"));
        m.put("scopes", Set.of("frameId"));
        m.put("variables", Set.of("variablesReference", "filter", "start", "count", "format"));
        m.put("evaluate", Set.of("expression", "frameId", "context", "format"));
        m.put("setVariable", Set.of("variablesReference", "name", "value", "format"));
        m.put("exceptionInfo", Set.of("threadId"));
        m.put("readMemory", Set.of("memoryReference", "offset", "count"));
        m.put("disassemble", Set.of("memoryReference", "offset", "instructionOffset", "instructionCount", "resolveSymbols"));
        m.put("source", Set.of("source", "sourceReference"));
        m.put("modules", Set.of("startModule", "moduleCount"));
        m.put("loadedSources", Set.of());
        m.put("breakpointLocations", Set.of("source", "line", "column", "endLine", "endColumn"));
        m.put("completions", Set.of("frameId", "text", "column", "line"));
        for (String never : NEVER) {
            m.putIfAbsent(never, Set.of());
        }
        KEYS = Map.copyOf(m);
    }

    private DapRequests() {
    }

    public static boolean known(String command) {
        return KEYS.containsKey(command);
    }

    public static Set<String> all() {
        return new java.util.TreeSet<>(KEYS.keySet());
    }

    /** The canonical key that {@code key} is a case variant of, or null. */
    static String canonicalVariant(String command, String key) {
        for (String k : KEYS.getOrDefault(command, Set.of())) {
            if (!k.equals(key) && k.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        return null;
    }
}
