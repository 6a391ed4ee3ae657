/**
 * Separation of duties for signatures, as a checklist of small named rules
 * ({@link io.debuggate.approval.policy.DualSignaturePolicy}). Pure functions of the caller, the
 * request and the clock: no Spring, no database, no Flowable — the engine checks no identities, so
 * this is where they are checked.
 */
@NullMarked
package io.debuggate.approval.policy;

import org.jspecify.annotations.NullMarked;
