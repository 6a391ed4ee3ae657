/**
 * The machinery behind {@link io.debuggate.approval.ApprovalService}: the lifecycle table, the JDBC
 * stores for requests, signatures and grants, the bridge to the Flowable process, the delegates
 * its timers call, and the unit of work that records audit events before commit. Not for other
 * modules.
 */
@NullMarked
package io.debuggate.approval.internal;

import org.jspecify.annotations.NullMarked;
