package io.debuggate.gateway.tunnel;

import io.debuggate.agent.dlv.control.DlvControlConnection;
import io.debuggate.agent.dlv.control.DlvControlException;
import io.debuggate.agent.dlv.control.DlvState;
import io.debuggate.policies.HaltBudget;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's own connection to one target's dlv, beside the clients' (debug-protocols.md §1.3:
 * a client's connection can be blocked behind its own {@code Command}, this one never is). It
 * does two jobs:
 * <ul>
 *   <li><b>halt budget</b>: a watchdog polls {@code State{NonBlocking:true}} and resumes the target
 *       itself once a stop outlasts the policy's budget (per stop or share of wall time);</li>
 *   <li><b>micro-halts</b> for snapshot mode: halt, serve one inspection request, resume — so the
 *       engineer sees a stopped process while production stops for milliseconds.</li>
 * </ul>
 */
final class TargetControl implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TargetControl.class);
    static final Duration POLL = Duration.ofMillis(25);

    private final String target;
    private final DlvControlConnection dlv;
    private final Supplier<HaltBudget> budget;
    private final BiConsumer<String, Duration> onBudgetResume;
    private final Consumer<SnapshotCapture> onCapture;
    private final Duration stepTimeout;
    private final CapturePoints captures = new CapturePoints();
    private final ReentrantLock stopLock = new ReentrantLock();
    private final HaltClock clock = new HaltClock();
    private volatile boolean closed;
    private final Thread watchdog;

    TargetControl(String target, Socket relay, Supplier<HaltBudget> budget, BiConsumer<String, Duration> onBudgetResume,
                  Consumer<SnapshotCapture> onCapture, Duration stepTimeout) throws IOException {
        this.target = target;
        this.dlv = new DlvControlConnection(relay, stepTimeout);
        this.budget = budget;
        this.onBudgetResume = onBudgetResume;
        this.onCapture = onCapture;
        this.stepTimeout = stepTimeout;
        this.watchdog = Thread.ofVirtual().name("halt-budget-" + target).start(this::watch);
    }

    /**
     * Runs {@code inspection} with the target stopped, and leaves it as it found it. Serialized per
     * target: two engineers' inspections never interleave their halts and resumes.
     *
     * @return the inspection's result and how long this call kept production stopped (zero if it
     *         was already stopped)
     */
    <T> MicroHalt<T> withTargetStopped(Callable<T> inspection) throws Exception {
        stopLock.lock();
        try {
            boolean halted = false;
            long start = System.nanoTime();
            if (dlv.state(true, stepTimeout).running()) {
                dlv.halt(stepTimeout);
                halted = true;
            }
            try {
                return new MicroHalt<>(inspection.call(), halted ? Duration.ofNanos(System.nanoTime() - start) : Duration.ZERO,
                        null);
            } finally {
                if (halted) {
                    resume();
                }
            }
        } finally {
            stopLock.unlock();
        }
    }

    /** A client's {@code Command{halt}} in snapshot mode: the halted state it asked for, then resumed at once. */
    MicroHalt<JsonNode> haltAndResume() throws Exception {
        stopLock.lock();
        try {
            long start = System.nanoTime();
            JsonNode state = dlv.call("Command", DlvControlConnection.params().put("name", "halt"), stepTimeout);
            resume();
            return new MicroHalt<>(state, Duration.ofNanos(System.nanoTime() - start), null);
        } finally {
            stopLock.unlock();
        }
    }

    /** Result of a micro-halt. */
    record MicroHalt<T>(T value, Duration halted, @Nullable String note) {
    }

    private void resume() throws DlvControlException {
        dlv.continueWithoutWaiting();
        // A stale halt request can make the continue return at once (types.go Halt comment); check and retry.
        for (int attempt = 0; attempt < 3; attempt++) {
            if (dlv.state(true, stepTimeout).running()) {
                return;
            }
            dlv.continueWithoutWaiting();
        }
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(POLL);
                if (!stopLock.tryLock()) {
                    continue; // a micro-halt is in progress and resumes by itself
                }
                try {
                    checkBudget();
                } finally {
                    stopLock.unlock();
                }
            } catch (InterruptedException e) {
                return;
            } catch (DlvControlException e) {
                if (!closed) {
                    log.warn("halt budget watchdog lost dlv target={} error=\"{}\"", target, e.getMessage());
                }
                return;
            }
        }
    }

    /** Makes a breakpoint a capture: its hits are recorded and the target resumed by the watchdog. */
    void addCapturePoint(int breakpointId, LiveSession session, int hitLimit, Duration ttl) {
        captures.add(breakpointId, session, hitLimit, Instant.now().plus(ttl));
    }

    void removeCapturePoint(int breakpointId) {
        captures.remove(breakpointId);
    }

    void forgetCaptures(String sessionId) {
        captures.removeSession(sessionId);
    }

    private void checkBudget() throws DlvControlException {
        DlvState state = dlv.state(true, stepTimeout);
        if (!captures.isEmpty()) {
            state = serveCaptures(state);
        }
        long now = System.nanoTime();
        clock.observe(state.running() || state.exited(), now);
        HaltBudget limits = budget.get();
        String over = clock.overBudget(limits, now);
        if (over == null) {
            return;
        }
        Duration stopped = clock.currentStop(now);
        // An interrupted next/step would stop the target again right after the resume.
        try {
            dlv.cancelNext(stepTimeout);
        } catch (DlvControlException e) {
            log.debug("CancelNext before budget resume failed target={} error=\"{}\"", target, e.getMessage());
        }
        resume();
        clock.observe(true, System.nanoTime());
        log.info("halt budget ran out, target resumed target={} stoppedMillis={} reason=\"{}\"", target, stopped.toMillis(), over);
        onBudgetResume.accept(over, stopped);
    }

    boolean isOpen() {
        return !closed && dlv.isOpen();
    }

    /**
     * Records every goroutine stopped at a capture breakpoint and resumes the target at once; drops
     * breakpoints whose hit limit or expiry is reached. Returns the state after that.
     */
    private DlvState serveCaptures(DlvState state) throws DlvControlException {
        List<CapturePoints.Point> expired = captures.expired(Instant.now());
        if (state.running() && expired.isEmpty()) {
            return state;
        }
        boolean haltedHere = false;
        if (state.running()) {
            dlv.halt(stepTimeout); // only to remove expired capture breakpoints
            haltedHere = true;
        }
        boolean captured = false;
        for (JsonNode thread : state.raw().path("Threads")) {
            JsonNode bp = thread.path("breakPoint");
            if (!bp.isObject() || !bp.path("id").canConvertToInt()) {
                continue;
            }
            java.util.Optional<CapturePoints.Point> point = captures.get(bp.path("id").asInt());
            if (point.isEmpty()) {
                continue;
            }
            CapturePoints.Point hit = point.get().hit();
            captures.put(hit);
            onCapture.accept(capture(hit, thread));
            captured = true;
            if (hit.exhausted()) {
                clear(hit.breakpointId());
            }
        }
        for (CapturePoints.Point p : expired) {
            clear(p.breakpointId());
        }
        if (captured || haltedHere) {
            resume();
            return dlv.state(true, stepTimeout);
        }
        return state;
    }

    private SnapshotCapture capture(CapturePoints.Point point, JsonNode thread) throws DlvControlException {
        long goroutine = thread.path("goroutineID").asLong(0);
        io.debuggate.policies.delve.LoadLimits limits = point.session().mode().delve().loadLimits();
        tools.jackson.databind.node.ObjectNode cfg = DlvControlConnection.params().put("FollowPointers", true)
                .put("MaxVariableRecurse", limits.maxVariableRecurse()).put("MaxStringLen", limits.maxStringLen())
                .put("MaxArrayValues", limits.maxArrayValues()).put("MaxStructFields", limits.maxStructFields());
        tools.jackson.databind.node.ObjectNode params = DlvControlConnection.params().put("Id", goroutine).put("Depth", 8)
                .put("Full", true);
        params.set("Cfg", cfg);
        JsonNode frames = dlv.call("Stacktrace", params, stepTimeout).path("Locations");
        JsonNode top = frames.path(0);
        return new SnapshotCapture(point.session().id(), point.breakpointId(), point.hits(), Instant.now(), goroutine,
                top.path("function").path("name").asString(""), top.path("file").asString(""), top.path("line").asInt(0),
                frames);
    }

    private void clear(int breakpointId) {
        try {
            dlv.clearBreakpoint(breakpointId, stepTimeout);
        } catch (DlvControlException e) {
            log.warn("capture breakpoint not cleared target={} breakpoint={} error=\"{}\"", target, breakpointId, e.getMessage());
        }
        captures.remove(breakpointId);
    }

    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
        dlv.close();
    }
}
