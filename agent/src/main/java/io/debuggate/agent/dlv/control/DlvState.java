package io.debuggate.agent.dlv.control;

import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;

/**
 * The parts of Delve's {@code DebuggerState} a guardian needs. While the target runs, dlv
 * reports {@code Pid:0} and no threads (debug-protocols §1.3), so {@link #pid()} is 0 then.
 *
 * @param running          the target is executing (not halted)
 * @param pid              the target's pid, or 0 while it runs
 * @param nextInProgress   a next/step/stepOut was interrupted and would re-stop the target on resume
 * @param exited           the target process has exited
 * @param exitStatus       its exit status when {@code exited}
 * @param breakpointId     id of the breakpoint the current thread stopped at, if any
 * @param raw              the whole {@code State} object, for callers that need more (holds target memory: mask before showing)
 */
public record DlvState(boolean running, long pid, boolean nextInProgress, boolean exited, int exitStatus,
                       OptionalInt breakpointId, JsonNode raw) {

    /** Reads {@code result.State} of a {@code State} or {@code Command} reply. */
    public static DlvState of(JsonNode result) {
        JsonNode state = result.path("State");
        JsonNode bp = state.path("currentThread").path("breakPoint");
        OptionalInt breakpointId = bp.isObject() && bp.path("id").canConvertToInt()
                ? OptionalInt.of(bp.path("id").asInt()) : OptionalInt.empty();
        return new DlvState(state.path("Running").asBoolean(false), state.path("Pid").asLong(0),
                state.path("NextInProgress").asBoolean(false), state.path("exited").asBoolean(false),
                state.path("exitStatus").asInt(0), breakpointId, state);
    }

    @Override
    public String toString() {
        return "DlvState[running=" + running + ", pid=" + pid + ", nextInProgress=" + nextInProgress + ", exited=" + exited
                + (exited ? ", exitStatus=" + exitStatus : "") + breakpointId.stream().mapToObj(id -> ", breakpoint=" + id)
                .findFirst().orElse("") + "]";
    }
}
