package io.debuggate.agent.dlv;

/** dlv could not be started or did not come up listening; the message names the cause and the fix. */
public final class DlvStartException extends Exception {
    public DlvStartException(String message) {
        super(message);
    }
}
