/**
 * Command line tools of the audit module: {@code VerifyChain}.
 */
@NullMarked
package io.debuggate.audit.cli;

import org.jspecify.annotations.NullMarked;
