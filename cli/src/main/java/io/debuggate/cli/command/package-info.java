/**
 * The {@code dgate} subcommands (picocli), one class each; they parse and validate arguments,
 * call {@link io.debuggate.cli.api.GatewayApi} and print through {@link io.debuggate.cli.output.Printer}.
 */
@NullMarked
package io.debuggate.cli.command;

import org.jspecify.annotations.NullMarked;
