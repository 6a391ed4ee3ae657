/**
 * The public face of the approval workflow: the request model ({@link io.debuggate.approval.DebugRequestDraft},
 * {@link io.debuggate.approval.DebugRequest}), the {@link io.debuggate.approval.ApprovalService} that creates,
 * signs, rejects, edits, cancels and revokes requests, and the {@link io.debuggate.approval.GrantCheck} the
 * gateway asks on every proxied message. Exceptions here map one-to-one onto HTTP statuses (see each class).
 * Nulls are explicit: everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.debuggate.approval;

import org.jspecify.annotations.NullMarked;
