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
    public static final String REQUEST_EDITED = "request.edited";
    /** A debugger request as decided: method, masked params, decision; written before it is forwarded. */
    public static final String DLV_RPC = "dlv.rpc";
    /** dlv's answer to a forwarded request: latency, size, error. */
    public static final String DLV_REPLY = "dlv.reply";
    /** The halt budget ran out and the gateway resumed the target itself. */
    public static final String HALT_BUDGET_RESUMED = "session.halt_budget_resumed";
    /** The safe teardown sequence ran on a target: what it found, what it cleared, how the target was left. */
    public static final String SESSION_TEARDOWN = "session.teardown";
    /** A snapshot-mode breakpoint was hit: the masked stack it recorded; the target resumed at once. */
    public static final String SNAPSHOT_CAPTURE = "snapshot.capture";
    /** An admin pulled the kill switch. */
    public static final String KILL_SWITCH = "admin.kill_switch";
    /** A health breaker tripped: every session on the target is cut; details hold the samples that caused it. */
    public static final String HEALTH_BREAKER_OPENED = "health.breaker.opened";
    /** A tripped target has been calm for the policy's calm period: newly approved sessions are admitted again. */
    public static final String HEALTH_BREAKER_HALF_OPENED = "health.breaker.half_opened";
    /** The breaker's probation window passed without a new trip. */
    public static final String HEALTH_BREAKER_CLOSED = "health.breaker.closed";
    public static final String SESSION_OPENED = "session.opened";
    public static final String SESSION_CLOSED = "session.closed";
    public static final String SESSION_CUT = "session.cut";
    public static final String ACCESS_DENIED = "access.denied";
    /** The policy in force changed (reload): details hold the diff and the old and new file's sha256. */
    public static final String POLICY_CHANGED = "policy.changed";
    /** A policy reload was refused (malformed file, or a change that needs a restart); the old policy stays. */
    public static final String POLICY_RELOAD_REFUSED = "policy.reload_refused";
    /** Written by the trail itself: an Ed25519 signature over (instance, sequence, hash) of the chain head. */
    public static final String CHAIN_HEAD_SIGNED = "audit.chain_head_signed";

    private AuditActions() {
    }
}
