/**
 * Policy for Delve's JSON-RPC API: the method catalogue with exact parameter shapes, and the
 * per-mode allowlist of methods, command names and load limits.
 */
@NullMarked
package io.debuggate.policies.delve;

import org.jspecify.annotations.NullMarked;
