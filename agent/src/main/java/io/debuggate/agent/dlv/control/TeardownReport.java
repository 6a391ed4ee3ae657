package io.debuggate.agent.dlv.control;

import java.time.Duration;
import java.util.List;

/**
 * What one {@link TeardownSequence} did. {@code problems} lists every step that failed or was
 * skipped, in order; an empty list and {@code runningAfter} mean a clean teardown. Confirm from
 * outside with {@link TargetVerification} (dlv's word is not proof that production serves).
 *
 * @param wasRunning         the target was running when the teardown began (so it was halted first)
 * @param clearedBreakpoints ids of the user breakpoints/tracepoints/watchpoints removed (ids &gt; 0)
 * @param ending             the ending actually carried out (may differ from the one asked for; see problems)
 * @param runningAfter       RESUME: dlv's {@code State} showed the target running at the end; DETACH: dlv
 *                           confirmed {@code Detach{Kill:false}} (a detached process runs on its own)
 * @param took               wall time of the whole sequence
 * @param problems           failed or skipped steps, each naming the step and dlv's error
 * @param targetPid          the target's pid as dlv reported it while halted, or 0 if never seen
 */
public record TeardownReport(boolean wasRunning, List<Integer> clearedBreakpoints, TeardownSequence.Ending ending,
                             boolean runningAfter, Duration took, List<String> problems, long targetPid) {

    public TeardownReport {
        clearedBreakpoints = List.copyOf(clearedBreakpoints);
        problems = List.copyOf(problems);
    }

    public TeardownReport(boolean wasRunning, List<Integer> clearedBreakpoints, TeardownSequence.Ending ending,
                          boolean runningAfter, Duration took, List<String> problems) {
        this(wasRunning, clearedBreakpoints, ending, runningAfter, took, problems, 0);
    }

    /** Every step succeeded and the target was left running (or detached). */
    public boolean clean() {
        return runningAfter && problems.isEmpty();
    }
}
