package io.debuggate.agent.dlv.control;

import java.io.IOException;

/** A request on a dlv control connection did not succeed; the subclass says how. */
public class DlvControlException extends IOException {

    public DlvControlException(String message) {
        super(message);
    }

    public DlvControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
