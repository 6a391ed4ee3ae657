package io.debuggate.policies;

/** Stable reason codes for policy decisions; the audit trail and clients key on these, so never rename one. */
public enum DecisionCode {
    ALLOWED,
    /** The policy does not name this mode. */
    UNKNOWN_MODE,
    /** Method, request or profile is not on the mode's allowlist (or unknown altogether). */
    NOT_ALLOWED,
    /** Something no policy may allow (Restart, DumpStart, Detach with Kill, terminateDebuggee, ...). */
    NEVER_ALLOWED,
    /** A known argument with a value the policy does not allow. */
    ARGUMENT_NOT_ALLOWED,
    /** A numeric argument outside the policy's bounds. */
    ARGUMENT_OUT_OF_RANGE,
    /** An argument of the wrong type or shape. */
    MALFORMED_ARGUMENT,
    /** An argument the method does not have. */
    UNKNOWN_ARGUMENT,
    /** The same argument twice (the target would silently use one of them). */
    DUPLICATE_ARGUMENT,
    /** A key that differs from the canonical one only in case (Go's decoder would accept it). */
    NON_CANONICAL_KEY,
    /** A required argument is absent. */
    MISSING_ARGUMENT
}
