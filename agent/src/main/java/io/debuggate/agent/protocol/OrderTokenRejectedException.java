package io.debuggate.agent.protocol;

/**
 * An order token failed one check. The message never contains the token itself: it is a
 * bearer credential until it expires.
 */
public final class OrderTokenRejectedException extends Exception {

    private final RejectionReason reason;

    public OrderTokenRejectedException(RejectionReason reason, String detail) {
        super(reason.wireName() + ": " + detail);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
