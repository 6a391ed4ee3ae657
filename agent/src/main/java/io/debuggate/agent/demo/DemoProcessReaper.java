package io.debuggate.agent.demo;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One JVM shutdown hook that leaves no Go or dlv process behind when the JVM stops (SIGTERM,
 * Ctrl-C, or code that never closed its demo). Order matters: running demo targets are closed
 * (their agent SIGTERMs its dlv, which halts, removes breakpoints and detaches), then any other
 * dlv descendant of this JVM gets SIGTERM, and only then the Go processes (test beds, builds)
 * get SIGTERM; a Go process that ignores it is killed. dlv is never sent SIGKILL: the target
 * would die at its next breakpoint (debug-protocols §1.4).
 */
public final class DemoProcessReaper {

    private static final Set<DemoTarget> TARGETS = ConcurrentHashMap.newKeySet();
    private static final Set<Process> GO_PROCESSES = ConcurrentHashMap.newKeySet();
    private static final long DLV_WAIT_MILLIS = 15_000;
    private static final long GO_WAIT_MILLIS = 10_000;
    private static volatile boolean reaping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DemoProcessReaper::reapAll, "demo-process-reaper"));
    }

    private DemoProcessReaper() {
    }

    /** dlv processes started (directly or not) by this JVM that are still running. */
    public static List<ProcessHandle> liveDlvDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/dlv") || c.equals("dlv")).orElse(false))
                .toList();
    }

    static void register(DemoTarget target) {
        TARGETS.add(target);
        refuseWhileReaping();
    }

    static void unregister(DemoTarget target) {
        TARGETS.remove(target);
    }

    /** A test bed or a {@code go build}: never dlv, so the reaper may force it as a last resort. */
    static void register(Process goProcess) {
        GO_PROCESSES.add(goProcess);
        refuseWhileReaping();
    }

    static void unregister(Process goProcess) {
        GO_PROCESSES.remove(goProcess);
    }

    /** A process started after the hook ran would outlive the JVM: stop at once instead. */
    private static void refuseWhileReaping() {
        if (reaping) {
            reapAll();
            throw new DemoUnavailableException("the JVM is shutting down: not starting the demo target");
        }
    }

    private static synchronized void reapAll() {
        reaping = true;
        TARGETS.forEach(DemoTarget::close);
        List<ProcessHandle> dlvs = liveDlvDescendants();
        dlvs.forEach(ProcessHandle::destroy);
        dlvs.forEach(dlv -> waitFor(dlv, DLV_WAIT_MILLIS));
        for (Process go : GO_PROCESSES) {
            go.descendants().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
            go.destroy();
        }
        for (Process go : GO_PROCESSES) {
            if (!waitFor(go.toHandle(), GO_WAIT_MILLIS)) {
                go.descendants().forEach(ProcessHandle::destroyForcibly);
                go.destroyForcibly();
            }
        }
    }

    private static boolean waitFor(ProcessHandle process, long millis) {
        try {
            process.onExit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }
}
