/**
 * Turning a raw {@link io.debuggate.approval.DebugRequestDraft} into a normalized, validated one
 * ({@link io.debuggate.approval.request.DraftValidator}) and hashing its canonical form
 * ({@link io.debuggate.approval.request.ContentHasher}). Plain Java, no Spring.
 */
@NullMarked
package io.debuggate.approval.request;

import org.jspecify.annotations.NullMarked;
