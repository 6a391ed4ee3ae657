package io.debuggate.gateway.policy;

/** A reload that was refused although the file is valid; the message says what to do instead. */
public final class PolicyReloadRefusedException extends RuntimeException {

    public PolicyReloadRefusedException(String message) {
        super(message);
    }
}
