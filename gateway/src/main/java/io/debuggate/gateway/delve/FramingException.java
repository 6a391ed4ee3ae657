package io.debuggate.gateway.delve;

/** The byte stream cannot be cut into JSON messages any more; the connection must be closed. */
public final class FramingException extends RuntimeException {

    public FramingException(String message) {
        super(message);
    }
}
