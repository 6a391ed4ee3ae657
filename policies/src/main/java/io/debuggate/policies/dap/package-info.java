/** Policy for the Debug Adapter Protocol as served by Delve: the request catalogue and per-mode rules. */
@NullMarked
package io.debuggate.policies.dap;

import org.jspecify.annotations.NullMarked;
