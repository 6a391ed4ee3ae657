package io.debuggate.approval;

/** What a signer decided. */
public enum SignatureDecision {
    APPROVED,
    REJECTED
}
