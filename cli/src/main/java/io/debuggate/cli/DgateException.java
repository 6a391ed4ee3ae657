package io.debuggate.cli;

/**
 * A failure the user can act on. The message is printed as is, without a stack trace, so it must
 * say what went wrong and what to do ("not logged in to X: run dgate login").
 */
public class DgateException extends RuntimeException {

    public DgateException(String message) {
        super(message);
    }

    public DgateException(String message, Throwable cause) {
        super(message, cause);
    }
}
