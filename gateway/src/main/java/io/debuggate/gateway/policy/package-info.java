/**
 * The policy in force ({@link io.debuggate.gateway.policy.ActivePolicy}), swapped atomically by a
 * reload ({@code POST /api/admin/policy/reload}, optionally a file watcher) that is audited with its
 * diff; the masking engine built from it at start-up; and the explain API for policy authors.
 */
@NullMarked
package io.debuggate.gateway.policy;

import org.jspecify.annotations.NullMarked;
