package io.debuggate.approval;

/** No request has this id. The gateway maps this to 404. */
public class RequestNotFoundException extends RuntimeException {

    public RequestNotFoundException(String requestId) {
        super("no debug request with id '" + requestId + "'");
    }
}
