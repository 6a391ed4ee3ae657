/**
 * Whether this caller may use this tool in this session right now. Asked on every proxied
 * message, not only at connect (safety invariant 1).
 */
@NullMarked
package io.debuggate.gateway.sessions;

import org.jspecify.annotations.NullMarked;
