/**
 * Spring wiring: {@link io.debuggate.approval.config.ApprovalProperties} (prefix
 * {@code debuggate.approval}) and {@link io.debuggate.approval.config.ApprovalWorkflowAutoConfiguration},
 * which the gateway picks up through {@code AutoConfiguration.imports} (or imports explicitly).
 */
@NullMarked
package io.debuggate.approval.config;

import org.jspecify.annotations.NullMarked;
