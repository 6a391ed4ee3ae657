package io.debuggate.gateway.auditapi;

import io.debuggate.gateway.identity.CurrentCaller;
import java.util.TreeSet;

/** The caller is in neither the auditor nor the admin group; the message says who may and how to get in. */
public class AuditorOnlyException extends RuntimeException {

    public static final String RULE = "auditors-only";

    public AuditorOnlyException(CurrentCaller caller, String what) {
        super("only members of the groups " + String.join(" or ", AuditorAccess.GROUPS) + " may " + what + "; "
                + caller.username() + " is in " + (caller.groups().isEmpty() ? "no group" : new TreeSet<>(caller.groups()))
                + ". Ask an admin to add you to the auditors group.");
    }
}
