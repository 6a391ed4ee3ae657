package io.debuggate.agent.dlv.control;

import java.time.Duration;

/**
 * No reply in time. Most dlv requests wait for the target lock, so a request sent while the
 * target runs waits until something halts it (debug-protocols §1.3).
 */
public final class DlvReplyTimeoutException extends DlvControlException {

    public DlvReplyTimeoutException(String method, Duration timeout) {
        super("dlv did not answer " + method + " within " + timeout
                + " (requests other than State{NonBlocking:true} and Command{halt} wait while the target runs)");
    }
}
