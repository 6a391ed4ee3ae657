package io.debuggate.approval.internal;

import static io.debuggate.approval.RequestState.CANCELLED;
import static io.debuggate.approval.RequestState.EXPIRED;
import static io.debuggate.approval.RequestState.GRANTED;
import static io.debuggate.approval.RequestState.PARTIALLY_SIGNED;
import static io.debuggate.approval.RequestState.PENDING;
import static io.debuggate.approval.RequestState.REJECTED;
import static io.debuggate.approval.RequestState.REVOKED;

import io.debuggate.approval.IllegalStateTransitionException;
import io.debuggate.approval.RequestState;
import java.util.Arrays;

/**
 * The table of every legal move of a request's lifecycle. A move not listed here cannot happen:
 * {@link #of} throws, naming the request and both states.
 */
public enum StateTransition {
    PENDING_TO_PARTIALLY_SIGNED(PENDING, PARTIALLY_SIGNED),
    PENDING_TO_REJECTED(PENDING, REJECTED),
    PENDING_TO_EXPIRED(PENDING, EXPIRED),
    PENDING_TO_CANCELLED(PENDING, CANCELLED),
    /** An edit after the first signature voids it. */
    PARTIALLY_SIGNED_TO_PENDING(PARTIALLY_SIGNED, PENDING),
    PARTIALLY_SIGNED_TO_GRANTED(PARTIALLY_SIGNED, GRANTED),
    PARTIALLY_SIGNED_TO_REJECTED(PARTIALLY_SIGNED, REJECTED),
    PARTIALLY_SIGNED_TO_EXPIRED(PARTIALLY_SIGNED, EXPIRED),
    PARTIALLY_SIGNED_TO_CANCELLED(PARTIALLY_SIGNED, CANCELLED),
    GRANTED_TO_EXPIRED(GRANTED, EXPIRED),
    GRANTED_TO_REVOKED(GRANTED, REVOKED);

    private final RequestState from;
    private final RequestState to;

    StateTransition(RequestState from, RequestState to) {
        this.from = from;
        this.to = to;
    }

    public RequestState from() {
        return from;
    }

    public RequestState to() {
        return to;
    }

    /** The legal move from {@code from} to {@code to} for this request, or the exception saying why not. */
    public static StateTransition of(String requestId, RequestState from, RequestState to) {
        return Arrays.stream(values())
                .filter(t -> t.from == from && t.to == to)
                .findFirst()
                .orElseThrow(() -> new IllegalStateTransitionException(requestId, from, to));
    }

    public static boolean isLegal(RequestState from, RequestState to) {
        return Arrays.stream(values()).anyMatch(t -> t.from == from && t.to == to);
    }
}
