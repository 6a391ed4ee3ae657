package io.debuggate.cli.auth;

/** A login did not produce a token; the message says which step failed and what to do. */
public class LoginFailedException extends RuntimeException {

    public LoginFailedException(String message) {
        super(message);
    }

    public LoginFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
