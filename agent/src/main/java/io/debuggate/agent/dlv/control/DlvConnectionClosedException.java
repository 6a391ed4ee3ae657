package io.debuggate.agent.dlv.control;

/** The connection to dlv ended (dlv exited, detached, or the relay dropped) before the reply came. */
public final class DlvConnectionClosedException extends DlvControlException {

    public DlvConnectionClosedException(String message) {
        super(message);
    }

    public DlvConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
