package io.debuggate.cli.api;

/** Where a long-running forwarder gets the user's bearer token for each upstream call. */
public interface BearerTokens {

    /** A token valid for at least a few more seconds. */
    String current();

    /** The gateway answered 401 to {@code rejected}: a renewed token, or an exception saying to log in again. */
    String renewAfterRejection(String rejected);
}
