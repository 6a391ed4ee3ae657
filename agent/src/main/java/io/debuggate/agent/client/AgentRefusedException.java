package io.debuggate.agent.client;

import java.io.IOException;

/**
 * The agent said no: an HTTP error status with its {@code {"error","detail"}} body, or an
 * {@code ERR <reason>} relay answer (status 0).
 */
public final class AgentRefusedException extends IOException {

    private final int status;
    private final String error;

    public AgentRefusedException(int status, String error, String detail) {
        super((status == 0 ? "relay refused" : "agent answered " + status) + " " + error + ": " + detail);
        this.status = status;
        this.error = error;
    }

    /** HTTP status, or 0 for a relay refusal. */
    public int status() {
        return status;
    }

    /** Machine-readable code, e.g. {@code expired}, {@code target_unavailable}, {@code relay}. */
    public String error() {
        return error;
    }
}
