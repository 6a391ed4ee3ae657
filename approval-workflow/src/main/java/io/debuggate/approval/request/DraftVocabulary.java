package io.debuggate.approval.request;

import java.util.List;
import java.util.Set;

/** The closed vocabularies a draft may use. Anything not listed is an error, never ignored. */
public final class DraftVocabulary {

    public static final String DLV = "dlv";
    public static final String DAP = "dap";
    public static final String PPROF = "pprof";
    /** Sorted, so messages list them in a stable order. */
    public static final List<String> TOOLS = List.of(DAP, DLV, PPROF);

    public static final String MODE_PPROF = "pprof";
    public static final String MODE_SNAPSHOT = "snapshot";
    public static final String MODE_INTERACTIVE = "interactive";
    public static final List<String> MODES = List.of(MODE_PPROF, MODE_SNAPSHOT, MODE_INTERACTIVE);

    /** The names under {@code /debug/pprof/} that return profiles ({@code profile} is the CPU profile). */
    public static final List<String> PPROF_PROFILES =
            List.of("allocs", "block", "goroutine", "heap", "mutex", "profile", "threadcreate", "trace");

    static final Set<String> DEBUGGER_TOOLS = Set.of(DLV, DAP);

    private DraftVocabulary() {
    }
}
