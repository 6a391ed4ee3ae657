package io.debuggate.approval.support;

import io.debuggate.approval.Caller;

/** The people in every scenario. */
public final class Cast {

    /** Engineer who asks for debug sessions. */
    public static final Caller ALICE = Caller.of("alice", "engineers");
    /** Dev lead. */
    public static final Caller BOB = Caller.of("bob", "engineers", "dev-leads");
    /** Ops lead. */
    public static final Caller CAROL = Caller.of("carol", "ops-leads");
    /** Dev lead AND ops lead: may sign either task, never both. */
    public static final Caller DAVE = Caller.of("dave", "dev-leads", "ops-leads");
    /** Auditor: reads everything, signs nothing. */
    public static final Caller ERIN = Caller.of("erin", "auditors");
    /** Admin: may revoke any grant. */
    public static final Caller FRANK = Caller.of("frank", "admins");

    private Cast() {
    }
}
