package io.debuggate.approval;

/**
 * Someone else changed the request between our read and our write (two signatures at once, or a
 * timer firing meanwhile). Nothing was changed; retrying re-reads the new state. Maps to 409.
 */
public class ConcurrentRequestChangeException extends RuntimeException {

    public ConcurrentRequestChangeException(String requestId, Throwable cause) {
        super("request " + requestId + " was changed concurrently; nothing was changed, reload and retry", cause);
    }

    public ConcurrentRequestChangeException(String requestId) {
        super("request " + requestId + " was changed concurrently; nothing was changed, reload and retry");
    }
}
