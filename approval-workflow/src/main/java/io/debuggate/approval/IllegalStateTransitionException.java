package io.debuggate.approval;

/** A lifecycle move that the state table does not allow. The gateway maps this to 409. */
public class IllegalStateTransitionException extends RuntimeException {

    private final String requestId;
    private final RequestState from;
    private final RequestState to;

    public IllegalStateTransitionException(String requestId, RequestState from, RequestState to) {
        super("request " + requestId + " cannot move from " + from + " to " + to);
        this.requestId = requestId;
        this.from = from;
        this.to = to;
    }

    public String requestId() {
        return requestId;
    }

    public RequestState from() {
        return from;
    }

    public RequestState to() {
        return to;
    }
}
