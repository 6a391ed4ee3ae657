package io.debuggate.gateway.sessions;

/**
 * No usable grant for this caller, session and tool. {@code reason} is a stable code for the
 * audit trail; the message tells the user what to do.
 */
public class SessionAccessDeniedException extends RuntimeException {

    private final String reason;
    private final int status;

    public SessionAccessDeniedException(String reason, int status, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    public String reason() {
        return reason;
    }

    public int status() {
        return status;
    }
}
