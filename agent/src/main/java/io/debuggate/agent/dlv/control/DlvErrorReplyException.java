package io.debuggate.agent.dlv.control;

/** dlv answered a request with {@code "error": "<text>"}; {@link #dlvError()} is that text, unchanged. */
public final class DlvErrorReplyException extends DlvControlException {

    private final String method;
    private final String dlvError;

    public DlvErrorReplyException(String method, String dlvError) {
        super("dlv refused " + method + ": " + dlvError);
        this.method = method;
        this.dlvError = dlvError;
    }

    /** e.g. {@code RPCServer.ClearBreakpoint} */
    public String method() {
        return method;
    }

    public String dlvError() {
        return dlvError;
    }
}
