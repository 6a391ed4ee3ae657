package io.debuggate.approval.internal;

/** A grant row's state; mirrors the request's GRANTED, EXPIRED and REVOKED. */
public enum GrantState {
    ACTIVE,
    EXPIRED,
    REVOKED
}
