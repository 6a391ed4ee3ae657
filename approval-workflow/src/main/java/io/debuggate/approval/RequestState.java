package io.debuggate.approval;

/**
 * Where a debug request stands. The legal moves between these states are listed in one table,
 * {@link io.debuggate.approval.internal.StateTransition}; nothing else changes a state.
 */
public enum RequestState {
    /** Submitted, no valid signature yet. */
    PENDING,
    /** One of the two signatures is in. */
    PARTIALLY_SIGNED,
    /** Both signatures are in; the grant window is open or about to close. */
    GRANTED,
    /** An approver said no. */
    REJECTED,
    /** Not fully signed within the approval TTL, or the grant window ended. */
    EXPIRED,
    /** The requester withdrew it before approval. */
    CANCELLED,
    /** The grant was ended early by the requester, an approver or an admin. */
    REVOKED;

    /** Still collecting signatures. */
    public boolean awaitsSignatures() {
        return this == PENDING || this == PARTIALLY_SIGNED;
    }

    /** Nothing can happen to the request any more. */
    public boolean isFinal() {
        return this == REJECTED || this == EXPIRED || this == CANCELLED || this == REVOKED;
    }
}
