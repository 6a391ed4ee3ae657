package io.debuggate.policies.delve;

import static io.debuggate.policies.delve.ParamSchema.Type.ANY;
import static io.debuggate.policies.delve.ParamSchema.Type.ARRAY;
import static io.debuggate.policies.delve.ParamSchema.Type.BOOL;
import static io.debuggate.policies.delve.ParamSchema.Type.INT;
import static io.debuggate.policies.delve.ParamSchema.Type.STRING;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Catalogue of Delve's JSON-RPC v2 methods ({@code service/rpc2/server.go}, v1.20.2 and newer) with
 * the exact keys of their parameter objects. A catalogue, so longer than the usual file.
 */
public final class DelveMethods {

    /** Methods no policy may allow: relaunch, a core file with all memory, and the like. */
    public static final Set<String> NEVER = Set.of("Restart", "DumpStart", "FollowExec", "DebugInfoDirectories",
            "DownloadLibraryDebugInfo", "Checkpoint", "ClearCheckpoint", "StopRecording");

    /** {@code Command.name} values (service/api/types.go). */
    public static final Set<String> COMMANDS = Set.of("continue", "next", "step", "stepOut", "stepInstruction",
            "nextInstruction", "directionCongruentContinue", "rewind", "reverseNext", "reverseStep", "reverseStepOut",
            "reverseStepInstruction", "reverseNextInstruction", "halt", "switchThread", "switchGoroutine", "call");

    static final ParamSchema NONE = ParamSchema.builder().build();

    static final ParamSchema LOAD_CONFIG = ParamSchema.builder()
            .field("FollowPointers", BOOL).field("MaxVariableRecurse", INT).field("MaxStringLen", INT)
            .field("MaxArrayValues", INT).field("MaxStructFields", INT).build();

    static final ParamSchema EVAL_SCOPE = ParamSchema.builder()
            .field("GoroutineID", INT).field("Frame", INT).field("DeferredCall", INT).build();

    static final ParamSchema BREAKPOINT = ParamSchema.builder()
            .field("id", INT).field("name", STRING).field("addr", INT).field("addrs", ARRAY).field("addrpid", ARRAY)
            .field("file", STRING).field("line", INT).field("functionName", STRING).field("ExprString", STRING)
            .field("Cond", STRING).field("HitCond", STRING).field("HitCondPerG", BOOL).field("continue", BOOL)
            .field("traceReturn", BOOL).field("goroutine", BOOL).field("stacktrace", INT).field("variables", ARRAY)
            .object("LoadArgs", LOAD_CONFIG).object("LoadLocals", LOAD_CONFIG).field("WatchExpr", STRING)
            .field("WatchType", INT).field("VerboseDescr", ARRAY).field("hitCount", ANY).field("totalHitCount", INT)
            .field("disabled", BOOL).field("RootFuncName", STRING).field("TraceFollowCalls", INT).build();

    static final ParamSchema GOROUTINE_FILTER = ParamSchema.builder()
            .field("Kind", INT).field("Negated", BOOL).field("Arg", STRING).build();

    private static final ParamSchema ID_OR_NAME = ParamSchema.builder().field("Id", INT).field("Name", STRING).build();
    private static final ParamSchema FILTER = ParamSchema.builder().field("Filter", STRING).field("FollowCalls", INT).build();
    private static final ParamSchema SCOPE_CFG = ParamSchema.builder().object("Scope", EVAL_SCOPE).object("Cfg", LOAD_CONFIG).build();

    static final Map<String, ParamSchema> METHODS;

    static {
        Map<String, ParamSchema> m = new TreeMap<>();
        for (String name : new String[] {"GetVersion", "IsMulticlient", "AttachedToExistingProcess", "ProcessPid",
                "LastModified", "BuildID", "Recorded", "CancelNext", "ListThreads", "ListDynamicLibraries", "ListTargets",
                "ListCheckpoints", "StopRecording", "DumpCancel", "FollowExecEnabled", "GetEvents", "CancelDownloads"}) {
            m.put(name, NONE);
        }
        m.put("SetApiVersion", ParamSchema.builder().field("APIVersion", INT).build());
        m.put("State", ParamSchema.builder().field("NonBlocking", BOOL).build());
        m.put("Command", ParamSchema.builder().field("name", STRING).field("threadID", INT).field("goroutineID", INT)
                .field("expr", STRING).field("unsafeCall", BOOL).object("ReturnInfoLoadConfig", LOAD_CONFIG)
                .field("WithEvents", BOOL).build());
        m.put("Restart", ParamSchema.builder().field("Position", STRING).field("ResetArgs", BOOL).field("NewArgs", ARRAY)
                .field("Rerecord", BOOL).field("Rebuild", BOOL).field("NewRedirects", ARRAY).build());
        m.put("Detach", ParamSchema.builder().field("Kill", BOOL).build());
        m.put("Set", ParamSchema.builder().object("Scope", EVAL_SCOPE).field("Symbol", STRING).field("Value", STRING).build());
        m.put("CreateBreakpoint", ParamSchema.builder().object("Breakpoint", BREAKPOINT).field("LocExpr", STRING)
                .field("SubstitutePathRules", ARRAY).field("Suspended", BOOL).build());
        m.put("AmendBreakpoint", ParamSchema.builder().object("Breakpoint", BREAKPOINT).build());
        m.put("ToggleBreakpoint", ID_OR_NAME);
        m.put("ClearBreakpoint", ID_OR_NAME);
        m.put("GetBreakpoint", ID_OR_NAME);
        m.put("CreateWatchpoint", ParamSchema.builder().object("Scope", EVAL_SCOPE).field("Expr", STRING).field("Type", INT).build());
        m.put("CreateEBPFTracepoint", ParamSchema.builder().field("FunctionName", STRING).build());
        m.put("ListBreakpoints", ParamSchema.builder().field("All", BOOL).build());
        m.put("GetBufferedTracepoints", ParamSchema.builder().object("LoadCfg", LOAD_CONFIG).build());
        m.put("Eval", ParamSchema.builder().object("Scope", EVAL_SCOPE).field("Expr", STRING).object("Cfg", LOAD_CONFIG).build());
        m.put("ListLocalVars", SCOPE_CFG);
        m.put("ListFunctionArgs", SCOPE_CFG);
        m.put("ListPackageVars", ParamSchema.builder().field("Filter", STRING).object("Cfg", LOAD_CONFIG).build());
        m.put("Stacktrace", ParamSchema.builder().field("Id", INT).field("Depth", INT).field("Full", BOOL)
                .field("Defers", BOOL).field("Opts", INT).object("Cfg", LOAD_CONFIG).field("Skip", INT).build());
        m.put("Ancestors", ParamSchema.builder().field("GoroutineID", INT).field("NumAncestors", INT).field("Depth", INT).build());
        m.put("ListGoroutines", ParamSchema.builder().field("Start", INT).field("Count", INT)
                .arrayOf("Filters", GOROUTINE_FILTER).field("GroupBy", INT).field("GroupByKey", STRING)
                .field("MaxGroupMembers", INT).field("MaxGroups", INT).object("EvalScope", EVAL_SCOPE).build());
        m.put("GetThread", ParamSchema.builder().field("Id", INT).build());
        m.put("ListRegisters", ParamSchema.builder().field("ThreadID", INT).field("IncludeFp", BOOL)
                .object("Scope", EVAL_SCOPE).build());
        m.put("ExamineMemory", ParamSchema.builder().field("Address", INT).field("Length", INT).build());
        m.put("Disassemble", ParamSchema.builder().object("Scope", EVAL_SCOPE).field("StartPC", INT).field("EndPC", INT)
                .field("Flavour", INT).build());
        m.put("FindLocation", ParamSchema.builder().object("Scope", EVAL_SCOPE).field("Loc", STRING)
                .field("IncludeNonExecutableLines", BOOL).field("SubstitutePathRules", ARRAY).build());
        m.put("FunctionReturnLocations", ParamSchema.builder().field("FnName", STRING).build());
        m.put("ListSources", FILTER);
        m.put("ListFunctions", FILTER);
        m.put("ListTypes", FILTER);
        m.put("ListPackagesBuildInfo", ParamSchema.builder().field("IncludeFiles", BOOL).field("Filter", STRING).build());
        m.put("TypeInfo", ParamSchema.builder().field("Name", STRING).build());
        m.put("GuessSubstitutePath", ParamSchema.builder().field("Args", ANY).build());
        m.put("Checkpoint", ParamSchema.builder().field("Where", STRING).build());
        m.put("ClearCheckpoint", ParamSchema.builder().field("ID", INT).build());
        m.put("DumpStart", ParamSchema.builder().field("Destination", STRING).build());
        m.put("DumpWait", ParamSchema.builder().field("Wait", INT).build());
        m.put("FollowExec", ParamSchema.builder().field("Enable", BOOL).field("Regex", STRING).build());
        m.put("DebugInfoDirectories", ParamSchema.builder().field("Set", BOOL).field("List", ARRAY).build());
        m.put("DownloadLibraryDebugInfo", ParamSchema.builder().field("N", INT).build());
        METHODS = Map.copyOf(m);
    }

    private DelveMethods() {
    }

    public static boolean known(String method) {
        return METHODS.containsKey(method);
    }

    public static Set<String> all() {
        return new java.util.TreeSet<>(METHODS.keySet());
    }
}
