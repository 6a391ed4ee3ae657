/**
 * {@code dgate}, the debuggate command line: the entry point {@link io.debuggate.cli.Dgate}, the
 * context it runs in (environment, streams, clock) and the one exception type that carries a
 * user-facing message with its fix.
 */
@NullMarked
package io.debuggate.cli;

import org.jspecify.annotations.NullMarked;
