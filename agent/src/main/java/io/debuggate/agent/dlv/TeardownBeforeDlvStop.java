package io.debuggate.agent.dlv;

import io.debuggate.agent.dlv.control.DlvControlConnection;
import io.debuggate.agent.dlv.control.TargetVerification;
import io.debuggate.agent.dlv.control.TeardownReport;
import io.debuggate.agent.dlv.control.TeardownSequence;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own teardown before it SIGTERMs dlv: {@link TeardownSequence} over a direct
 * loopback connection, ending {@link TeardownSequence.Ending#DETACH}. DETACH rather than
 * RESUME because dlv is about to go anyway: after {@code Detach{Kill:false}} the target is
 * already untraced and dlv exits by itself, whereas after a resume dlv's SIGTERM handler would
 * halt the target once more before detaching (debug-protocols §1.4). The SIGTERM that follows
 * is then a no-op for an exited dlv, and the safety net when the sequence could not finish.
 * Logs one structured report line and what {@code /proc} says afterwards.
 */
public final class TeardownBeforeDlvStop implements BeforeDlvStop {

    private static final Logger log = LoggerFactory.getLogger(TeardownBeforeDlvStop.class);
    /**
     * dlv needs a moment after answering Detach to close its listener and exit. Delve 1.20.2
     * sometimes lingers after a Detach until a signal comes (seen after relay connections were cut
     * just before); the target is already detached then, so the SIGTERM that follows is harmless.
     */
    static final Duration DLV_EXIT_WAIT = Duration.ofSeconds(1);

    private final TeardownSequence sequence;
    private final TargetVerification verification = new TargetVerification();

    public TeardownBeforeDlvStop() {
        this(new TeardownSequence());
    }

    public TeardownBeforeDlvStop(TeardownSequence sequence) {
        this.sequence = sequence;
    }

    @Override
    public void run(DlvAttachment attachment) {
        run(attachment, "unspecified");
    }

    @Override
    public void run(DlvAttachment attachment, String why) {
        TeardownReport report;
        try (DlvControlConnection dlv = DlvControlConnection.connect(attachment.apiAddress(), TeardownSequence.DEFAULT_STEP_TIMEOUT)) {
            report = sequence.run(dlv, TeardownSequence.Ending.DETACH);
        } catch (IOException e) {
            log.warn("dlv teardown impossible dlvPid={} targetPid={} api={} reason=\"{}\" error=\"{}\"; SIGTERM follows"
                    + " (dlv then halts, removes breakpoints and detaches itself)", attachment.dlvPid(), attachment.targetPid(),
                    attachment.apiAddress(), why, e.getMessage());
            return;
        }
        String line = "dlv teardown dlvPid={} targetPid={} reason=\"{}\" ending={} wasRunning={} clearedBreakpoints={}"
                + " runningAfter={} millis={} problems={}";
        Object[] values = {attachment.dlvPid(), attachment.targetPid(), why, report.ending(), report.wasRunning(),
                report.clearedBreakpoints(), report.runningAfter(), report.took().toMillis(), report.problems()};
        if (report.clean()) {
            log.info(line, values);
        } else {
            log.warn(line, values);
        }
        if (report.ending() == TeardownSequence.Ending.DETACH && report.runningAfter() && awaitExit(attachment.dlvPid())) {
            TargetVerification.Verified verified = verification.awaitOk(attachment.targetPid(), attachment.dlvPid(), null,
                    null, Duration.ofSeconds(2));
            log.info("dlv teardown verified targetPid={} ok={} running={} traced={} detail=\"{}\"", verified.pid(),
                    verified.ok(), verified.running(), verified.traced(), verified.detail());
        }
    }

    private static boolean awaitExit(long dlvPid) {
        var dlv = ProcessHandle.of(dlvPid);
        if (dlv.isEmpty()) {
            return true;
        }
        try {
            dlv.get().onExit().get(DLV_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            log.info("dlv still running dlvPid={} {} after Detach (the target is detached); SIGTERM follows", dlvPid,
                    DLV_EXIT_WAIT);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
