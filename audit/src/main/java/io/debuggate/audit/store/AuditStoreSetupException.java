package io.debuggate.audit.store;

/** The audit store could not be prepared, or its writer is not append-only; the message says why and what to do. */
public class AuditStoreSetupException extends RuntimeException {

    public AuditStoreSetupException(String message) {
        super(message);
    }

    public AuditStoreSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
