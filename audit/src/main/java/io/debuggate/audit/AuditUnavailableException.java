package io.debuggate.audit;

/** The trail cannot take the event durably; whoever caused it must fail closed. */
public class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuditUnavailableException(String message) {
        super(message);
    }
}
