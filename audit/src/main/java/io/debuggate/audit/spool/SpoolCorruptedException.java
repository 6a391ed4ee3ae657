package io.debuggate.audit.spool;

import io.debuggate.audit.AuditUnavailableException;

/** The spool holds damaged data that cannot be repaired by dropping a torn tail. */
public class SpoolCorruptedException extends AuditUnavailableException {

    public SpoolCorruptedException(String message) {
        super(message);
    }
}
