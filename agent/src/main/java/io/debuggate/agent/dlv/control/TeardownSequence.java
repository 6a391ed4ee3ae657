package io.debuggate.agent.dlv.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a session ends (debug-protocols §4.2), over a guardian's own control connection:
 * <ol>
 *   <li>{@code State{NonBlocking:true}}; if running, {@code Command{halt}} and wait for the reply;</li>
 *   <li>{@code ListBreakpoints{All:false}}, then {@code ClearBreakpoint} for every id &gt; 0;</li>
 *   <li>{@code CancelNext}, so an interrupted next/step does not re-stop the target;</li>
 *   <li>end with {@link Ending#DETACH} ({@code Detach{Kill:false}}; dlv exits) or {@link
 *       Ending#RESUME} ({@code Command{continue}} without waiting, then {@code State} must show
 *       the target running; if it stopped again, continue again, a bounded number of times).</li>
 * </ol>
 * It never throws and never kills: a failed step is recorded in the report and the next step
 * still runs, so the chance to resume is never thrown away. Steps 2–3 and DETACH are skipped
 * when the target could not be halted, because dlv would hold those requests (and every later
 * one on this connection) until something halts it. DETACH falls back to RESUME when dlv
 * launched the target or cannot say, since then Detach kills it (§4.1).
 *
 * <p>Before calling, stop forwarding client traffic for the session, so no client resumes or
 * sets a breakpoint halfway through.
 */
public final class TeardownSequence {

    /** How the sequence ends once the target is clean. */
    public enum Ending {
        /** {@code Detach{Kill:false}}: dlv detaches and exits, the target runs untraced. Preferred. */
        DETACH,
        /** {@code Command{continue}}: the target runs, dlv stays attached for the next session. */
        RESUME
    }

    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_RESUME_ATTEMPTS = 3;
    /**
     * After a continue, how long the target must keep running to count as resumed: a stale halt
     * or the end of a step stops it again within a few milliseconds (§1.3). Production runs
     * during this wait, so it costs the service nothing.
     */
    static final Duration RESUME_SETTLE = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(TeardownSequence.class);

    private final Duration stepTimeout;
    private final int resumeAttempts;

    public TeardownSequence() {
        this(DEFAULT_STEP_TIMEOUT, DEFAULT_RESUME_ATTEMPTS);
    }

    /**
     * @param stepTimeout    how long each request may take (the halt, each clear, the detach …)
     * @param resumeAttempts how many continues RESUME sends before it gives up and reports
     */
    public TeardownSequence(Duration stepTimeout, int resumeAttempts) {
        if (stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("stepTimeout " + stepTimeout + " must be positive");
        }
        if (resumeAttempts < 1 || resumeAttempts > 10) {
            throw new IllegalArgumentException("resumeAttempts " + resumeAttempts + " must be between 1 and 10");
        }
        this.stepTimeout = stepTimeout;
        this.resumeAttempts = resumeAttempts;
    }

    /** Runs the sequence; never throws for anything dlv does. The connection is left open (DETACH: dlv closes it). */
    public TeardownReport run(DlvControlConnection dlv, Ending ending) {
        Objects.requireNonNull(dlv, "dlv");
        Objects.requireNonNull(ending, "ending");
        long started = System.nanoTime();
        Run run = new Run();
        boolean halted = haltIfRunning(dlv, run);
        if (halted) {
            clearBreakpoints(dlv, run);
            cancelNext(dlv, run);
        } else {
            run.problem("clear breakpoints and cancel next: skipped because the target is not confirmed halted"
                    + " (dlv would hold those requests until something halts it)");
        }
        Ending done = ending;
        boolean runningAfter;
        if (ending == Ending.DETACH && detachable(dlv, run, halted)) {
            runningAfter = detach(dlv, run);
            if (!runningAfter && dlv.isOpen()) {
                done = Ending.RESUME;
                run.problem("detach failed: resuming instead");
                runningAfter = resume(dlv, run);
            }
        } else {
            done = Ending.RESUME;
            runningAfter = resume(dlv, run);
        }
        TeardownReport report = new TeardownReport(run.wasRunning, run.cleared, done, runningAfter,
                Duration.ofNanos(System.nanoTime() - started), run.problems, run.pid);
        log.debug("dlv teardown done peer={} report={}", dlv.peer(), report);
        return report;
    }

    /** Step 1. True when the target is known to be stopped afterwards. */
    private boolean haltIfRunning(DlvControlConnection dlv, Run run) {
        DlvState state;
        try {
            state = dlv.state(true, stepTimeout);
        } catch (DlvControlException e) {
            run.problem("state: " + e.getMessage());
            return false;
        }
        if (state.exited()) {
            run.problem("state: the target has exited with status " + state.exitStatus());
            return false;
        }
        run.wasRunning = state.running();
        if (!state.running()) {
            run.pid = state.pid();
            return true;
        }
        try {
            DlvState stopped = dlv.halt(stepTimeout);
            run.pid = stopped.pid();
            if (!stopped.running()) {
                return true;
            }
            run.problem("halt: dlv answered but still reports the target running");
        } catch (DlvControlException e) {
            run.problem("halt: " + e.getMessage());
        }
        // The halt may have landed after its timeout; ask once more before giving up on it.
        try {
            DlvState again = dlv.state(true, stepTimeout);
            if (!again.running() && !again.exited()) {
                run.pid = again.pid();
                return true;
            }
        } catch (DlvControlException e) {
            run.problem("state after halt: " + e.getMessage());
        }
        return false;
    }

    /** Step 2: every user breakpoint, tracepoint and watchpoint; dlv's built-ins (ids &lt; 0) stay. */
    private void clearBreakpoints(DlvControlConnection dlv, Run run) {
        List<Integer> ids;
        try {
            ids = dlv.breakpointIds(stepTimeout);
        } catch (DlvControlException e) {
            run.problem("list breakpoints: " + e.getMessage());
            return;
        }
        for (int id : ids) {
            if (id <= 0) {
                continue;
            }
            try {
                dlv.clearBreakpoint(id, stepTimeout);
                run.cleared.add(id);
            } catch (DlvControlException e) {
                run.problem("clear breakpoint " + id + ": " + e.getMessage());
            }
        }
    }

    /** Step 3. */
    private void cancelNext(DlvControlConnection dlv, Run run) {
        try {
            dlv.cancelNext(stepTimeout);
        } catch (DlvControlException e) {
            run.problem("cancel next: " + e.getMessage());
        }
    }

    /** DETACH needs a halted target (Detach waits otherwise) that dlv did not launch (Detach kills those). */
    private boolean detachable(DlvControlConnection dlv, Run run, boolean halted) {
        if (!halted) {
            run.problem("detach: skipped because the target is not confirmed halted; resuming instead");
            return false;
        }
        try {
            if (dlv.attachedToExistingProcess(stepTimeout)) {
                return true;
            }
            run.problem("detach: refused because dlv launched the target and Detach would kill it; resuming instead");
        } catch (DlvControlException e) {
            run.problem("detach: refused because dlv could not say whether it attached or launched the target ("
                    + e.getMessage() + "); resuming instead");
        }
        return false;
    }

    private boolean detach(DlvControlConnection dlv, Run run) {
        try {
            dlv.detach(stepTimeout);
            return true;
        } catch (DlvControlException e) {
            run.problem("detach: " + e.getMessage());
            return false;
        }
    }

    /** Step 4, RESUME: continue until dlv shows the target running and it stays so for {@link #RESUME_SETTLE}. */
    private boolean resume(DlvControlConnection dlv, Run run) {
        @Nullable String last = null;
        for (int attempt = 1; attempt <= resumeAttempts; attempt++) {
            if (!dlv.isOpen()) {
                run.problem("resume: the connection to dlv is closed");
                return false;
            }
            CompletableFuture<DlvState> continued = dlv.continueWithoutWaiting();
            DlvState state;
            try {
                state = dlv.state(true, stepTimeout);
            } catch (DlvControlException e) {
                last = "state after continue: " + e.getMessage();
                continue;
            }
            if (state.exited()) {
                run.problem("resume: the target has exited with status " + state.exitStatus());
                return false;
            }
            if (state.running()) {
                @Nullable String stoppedAgain = stoppedWithin(continued, RESUME_SETTLE);
                if (stoppedAgain == null) {
                    return true;
                }
                last = stoppedAgain;
            } else {
                last = "dlv still reports the target halted after continue (" + describe(continued) + ")";
            }
        }
        run.problem("resume: the target is not running after " + resumeAttempts + " continue attempt(s); last: " + last);
        return false;
    }

    /** Null when the continue is still pending after {@code settle} (the target runs); else why it ended. */
    private static @Nullable String stoppedWithin(CompletableFuture<DlvState> continued, Duration settle) {
        try {
            DlvState stopped = continued.get(settle.toMillis(), TimeUnit.MILLISECONDS);
            return "the target stopped again right after continue: " + stopped;
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            return "continue failed: " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking the resume";
        }
    }

    private static String describe(CompletableFuture<DlvState> continued) {
        if (!continued.isDone()) {
            return "continue still pending";
        }
        try {
            return "continue answered " + continued.getNow(null);
        } catch (RuntimeException e) {
            return "continue failed: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
    }

    private static final class Run {
        boolean wasRunning;
        long pid;
        final List<Integer> cleared = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        void problem(String text) {
            problems.add(text);
        }
    }
}
