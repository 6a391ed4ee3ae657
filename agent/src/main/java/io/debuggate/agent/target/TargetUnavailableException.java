package io.debuggate.agent.target;

/** The target process cannot be found or cannot be debugged right now. */
public final class TargetUnavailableException extends Exception {
    public TargetUnavailableException(String message) {
        super(message);
    }
}
