package io.debuggate.agent.protocol;

/** Why an order token was refused. The wire form (401 body, relay {@code ERR}) is the lower-case name. */
public enum RejectionReason {
    MISSING,
    MALFORMED,
    BAD_SIGNATURE,
    WRONG_AUDIENCE,
    WRONG_TARGET,
    WRONG_TOOL,
    NOT_YET_VALID,
    EXPIRED,
    TTL_TOO_LONG,
    REPLAYED,
    /** More live single-use tokens than the ledger holds: refuse rather than forget a nonce. */
    LEDGER_FULL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
