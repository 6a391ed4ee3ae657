package io.debuggate.audit;

/**
 * Catalogue of stable audit action codes. Codes are never renamed or reused: auditors' saved
 * searches and exported trails depend on them. Readers keep unknown codes instead of dropping them.
 */
public final class AuditActions {

    public static final String REQUEST_CREATED = "request.created";
    public static final String REQUEST_SIGNED = "request.signed";
    public static final String REQUEST_APPROVED = "request.approved";
    public static final String REQUEST_REJECTED = "request.rejected";
    public static final String REQUEST_EXPIRED = "request.expired";
    public static final String REQUEST_CANCELLED = "request.cancelled";
    public static final String SIGNATURE_DENIED = "request.signature_denied";
    public static final String GRANT_REVOKED = "grant.revoked";
    public static final String GRANT_EXPIRED = "grant.expired";
    public static final String PPROF_FETCH = "pprof.fetch";
    public static final String DLV_RPC = "dlv.rpc";
    public static final String SESSION_OPENED = "session.opened";
    public static final String SESSION_CLOSED = "session.closed";
    public static final String SESSION_CUT = "session.cut";
    public static final String ACCESS_DENIED = "access.denied";
    /** Written by the trail itself: an Ed25519 signature over (instance, sequence, hash) of the chain head. */
    public static final String CHAIN_HEAD_SIGNED = "audit.chain_head_signed";

    private AuditActions() {
    }
}
