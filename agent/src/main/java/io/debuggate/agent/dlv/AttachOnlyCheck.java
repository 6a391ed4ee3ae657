package io.debuggate.agent.dlv;

import io.debuggate.agent.dlv.control.DlvControlConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Attach-only, asked of dlv itself: {@code AttachedToExistingProcess} must answer true. A
 * process dlv launched is killed by every Detach, SIGTERM or dropped single client (debug-protocols
 * §4.1), so such a session is refused, and so is one where dlv cannot say (fail closed).
 * {@link DlvCommandLine} already refuses anything but {@code attach}; this checks the running dlv.
 */
final class AttachOnlyCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private AttachOnlyCheck() {
    }

    static void require(InetSocketAddress api, long targetPid) throws DlvStartException {
        boolean attached;
        try (DlvControlConnection dlv = DlvControlConnection.connect(api, TIMEOUT)) {
            attached = dlv.attachedToExistingProcess(TIMEOUT);
        } catch (IOException e) {
            throw new DlvStartException("cannot confirm that dlv at " + api + " attached to the running pid " + targetPid
                    + " (AttachedToExistingProcess: " + e.getMessage() + "); refused, because a process dlv launched"
                    + " dies when dlv detaches");
        }
        if (!attached) {
            throw new DlvStartException("dlv at " + api + " reports AttachedToExistingProcess=false: it launched a process"
                    + " instead of attaching to pid " + targetPid + "; refused, because every Detach or SIGTERM would kill"
                    + " that process. The agent only attaches to running services: check --dlv points at a real Delve");
        }
    }
}
