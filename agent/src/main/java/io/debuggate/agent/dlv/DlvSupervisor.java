package io.debuggate.agent.dlv;

import io.debuggate.agent.target.PidSource;
import io.debuggate.agent.target.ProcStatus;
import io.debuggate.agent.target.TargetUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps at most one {@code dlv attach} running for the target. Starting waits until dlv prints
 * its listening address and answers, then asks it {@code AttachedToExistingProcess} and refuses
 * (stops it) unless the answer is true ({@link AttachOnlyCheck}); stopping runs {@link
 * BeforeDlvStop} and then sends SIGTERM and waits.
 * dlv is never sent SIGKILL (see {@link #terminate}).
 */
public final class DlvSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DlvSupervisor.class);
    private static final Pattern LISTENING = Pattern.compile("API server listening at: (\\S+):(\\d+)");

    private final DlvSettings settings;
    private final PidSource pidSource;
    private final BeforeDlvStop beforeStop;
    private final Clock clock;
    /** Written under the monitor; read without it so health checks never wait behind a slow attach. */
    private volatile @Nullable Running running;
    private boolean closed;

    /**
     * dlv installs its SIGTERM handler ({@code waitForDisconnectSignal}) just after it starts
     * serving; a SIGTERM before that kills it without the halt-and-detach (exit 143). Observed
     * when an attach was followed at once by a stop. Counted from the first RPC answer.
     */
    static final long SIGNAL_HANDLER_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private record Running(Process process, DlvAttachment attachment, long listeningNanos) {
    }

    /** The attachment an order got, and whether this order started it. */
    public record Ensured(DlvAttachment attachment, boolean startedNow) {
    }

    public DlvSupervisor(DlvSettings settings, PidSource pidSource, BeforeDlvStop beforeStop, Clock clock) {
        this.settings = settings;
        this.pidSource = pidSource;
        this.beforeStop = beforeStop;
        this.clock = clock;
    }

    /** Returns the running dlv for the target, or attaches one. */
    public synchronized Ensured ensureAttached() throws DlvStartException, TargetUnavailableException {
        if (closed) {
            throw new DlvStartException("the agent is shutting down; no new dlv is started");
        }
        long pid = pidSource.resolve();
        Running current = running;
        if (current != null && current.process.isAlive()) {
            if (current.attachment.targetPid() == pid && tracedBy(pid, current.process.pid())) {
                return new Ensured(current.attachment, false);
            }
            if (current.attachment.targetPid() == pid) {
                // Detached through a relay (the gateway's teardown) but not yet exited: Delve 1.20.2 can
                // linger after Detach. It holds nothing, so no teardown; a new dlv must not share its fate.
                running = null;
                terminate(current.process, "dlv detached from pid " + pid + " but is still running");
            } else {
                stopLocked("target pid changed from " + current.attachment.targetPid() + " to " + pid);
            }
        }
        checkAttachable(pid);
        Running started = start(pid);
        running = started;
        return new Ensured(started.attachment, true);
    }

    public Optional<DlvAttachment> current() {
        Running current = running;
        return current != null && current.process.isAlive() ? Optional.of(current.attachment) : Optional.empty();
    }

    /**
     * Stops the running dlv, if any: {@link BeforeDlvStop} (the teardown sequence), then SIGTERM,
     * then wait. {@code why} goes to the log, e.g. the dead-man switch's reason.
     */
    public synchronized void stop(String why) {
        stopLocked(why);
    }

    @Override
    public synchronized void close() {
        closed = true;
        stopLocked("agent shutdown");
    }

    /** Whether {@code pid} is traced by the process {@code tracer} (its threads count as it). */
    private static boolean tracedBy(long pid, long tracer) {
        return ProcStatus.read(pid).map(s -> s.traced() && s.tracerProcessId() == tracer).orElse(false);
    }

    private void checkAttachable(long pid) throws TargetUnavailableException {
        if (pid == ProcessHandle.current().pid()) {
            throw new TargetUnavailableException("target pid " + pid + " is the agent itself: point the agent at the Go service");
        }
        ProcStatus status = ProcStatus.read(pid).orElseThrow(() -> new TargetUnavailableException(
                "target pid " + pid + " does not exist (" + pidSource + "): is the service running?"));
        if (status.traced()) {
            throw new TargetUnavailableException("target pid " + pid + " is already traced by pid " + status.tracerProcessId()
                    + ": another debugger holds it; detach that one first");
        }
    }

    private Running start(long pid) throws DlvStartException {
        DlvCommandLine command = DlvCommandLine.attach(settings.dlvPath(), pid);
        Process process;
        try {
            process = new ProcessBuilder(command.argv()).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new DlvStartException("cannot start " + settings.dlvPath() + " (" + e.getMessage()
                    + "): install Delve (apt-get install -y delve) or fix --dlv");
        }
        long deadlineNanos = System.nanoTime() + settings.startTimeout().toNanos();
        log.info("dlv starting dlvPid={} targetPid={} argv={}", process.pid(), pid, command.argv());
        CompletableFuture<InetSocketAddress> listening = new CompletableFuture<>();
        DlvOutputLog stdout = DlvOutputLog.follow(process, process.getInputStream(), "stdout", line -> {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                listening.complete(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))));
            }
        });
        DlvOutputLog stderr = DlvOutputLog.follow(process, process.getErrorStream(), "stderr", line -> { });
        process.onExit().thenRun(() -> listening.completeExceptionally(new IllegalStateException("exited")));
        InetSocketAddress api;
        try {
            api = listening.get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            terminate(process, "did not start listening in time");
            throw new DlvStartException("dlv attach " + pid + " did not report its listening address within "
                    + settings.startTimeout() + "; last stderr: " + stderr.tail());
        } catch (ExecutionException e) {
            stdout.awaitEnd();
            stderr.awaitEnd();
            throw new DlvStartException(exitMessage(pid, process, stderr.tail()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminate(process, "interrupted while starting");
            throw new DlvStartException("interrupted while waiting for dlv attach " + pid);
        }
        awaitServing(process, pid, api, deadlineNanos, stdout, stderr);
        long servingNanos = System.nanoTime();
        try {
            AttachOnlyCheck.require(api, pid);
        } catch (DlvStartException e) {
            log.error("dlv refused dlvPid={} targetPid={} reason=\"{}\"", process.pid(), pid, e.getMessage());
            awaitSignalHandler(servingNanos);
            terminate(process, "attach-only check failed");
            throw e;
        }
        DlvAttachment attachment = new DlvAttachment(process.pid(), pid, api, clock.instant());
        process.onExit().thenRun(() -> forget(process));
        log.info("dlv attached dlvPid={} targetPid={} api={}", process.pid(), pid, api);
        return new Running(process, attachment, servingNanos);
    }

    /** "listening" comes before the attach itself (see {@link DlvReadiness}); report attached only once it serves. */
    private void awaitServing(Process process, long pid, InetSocketAddress api, long deadlineNanos, DlvOutputLog stdout,
                              DlvOutputLog stderr) throws DlvStartException {
        boolean serving;
        try {
            serving = DlvReadiness.awaitServing(api, deadlineNanos, process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminate(process, "interrupted while attaching");
            throw new DlvStartException("interrupted while waiting for dlv attach " + pid);
        }
        if (serving) {
            return;
        }
        if (!process.isAlive()) {
            stdout.awaitEnd();
            stderr.awaitEnd();
            throw new DlvStartException(exitMessage(pid, process, stderr.tail()));
        }
        terminate(process, "did not finish attaching in time");
        throw new DlvStartException("dlv attach " + pid + " did not answer on " + api + " within " + settings.startTimeout()
                + " (a large binary takes long to load): raise the dlv start timeout; last stderr: " + stderr.tail());
    }

    private static String exitMessage(long pid, Process process, String stderrTail) {
        String hint = stderrTail.contains("operation not permitted") || stderrTail.contains("ptrace")
                ? " ptrace was refused: run the agent as the service's user or root, and check"
                  + " /proc/sys/kernel/yama/ptrace_scope (needs 0, or 1 with CAP_SYS_PTRACE)."
                : "";
        return "dlv attach " + pid + " exited with code " + process.exitValue() + " before listening:"
                + " last stderr: " + stderrTail + "." + hint;
    }

    private synchronized void forget(Process process) {
        Running current = running;
        if (current != null && current.process == process) {
            running = null;
            log.info("dlv exited dlvPid={} targetPid={} exitCode={} (a client sent Detach or dlv was signalled)",
                    process.pid(), current.attachment.targetPid(), process.exitValue());
        }
    }

    private void stopLocked(String why) {
        Running current = running;
        running = null;
        if (current == null || !current.process.isAlive()) {
            return;
        }
        try {
            beforeStop.run(current.attachment, why);
        } catch (RuntimeException e) {
            log.warn("dlv pre-stop step failed dlvPid={} error={}; sending SIGTERM anyway", current.process.pid(), e.toString());
        }
        awaitSignalHandler(current.listeningNanos);
        terminate(current.process, why);
    }

    private static void awaitSignalHandler(long servingNanos) {
        long left = servingNanos + SIGNAL_HANDLER_GRACE_NANOS - System.nanoTime();
        if (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * SIGTERM and wait. {@link Process#destroy()} is SIGTERM on Linux: dlv then halts the target,
     * removes its breakpoints, detaches and — for an attached process — leaves it running
     * (debug-protocols §1.4). {@code destroyForcibly()} (SIGKILL) is forbidden here: the kernel
     * drops the tracer with the breakpoints' INT3 bytes still in the target's code, and the
     * service dies with SIGTRAP at the next hit (§1.4, §4.1). A dlv that ignores SIGTERM is left
     * running and reported, for a human to look at.
     */
    private void terminate(Process process, String why) {
        log.info("dlv stopping dlvPid={} signal=SIGTERM reason=\"{}\"", process.pid(), why);
        process.destroy();
        try {
            if (process.waitFor(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("dlv stopped dlvPid={} exitCode={}", process.pid(), process.exitValue());
            } else {
                log.error("dlv still running dlvPid={} after SIGTERM and {}; not sending SIGKILL (it would crash"
                        + " the target at its next breakpoint) — inspect it by hand", process.pid(), settings.stopTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while waiting for dlv to exit dlvPid={}", process.pid());
        }
    }
}
