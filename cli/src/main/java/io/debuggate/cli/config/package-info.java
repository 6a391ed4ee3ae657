/**
 * Local state of {@code dgate}: the credentials file (tokens per gateway, owner-only permissions)
 * and the normalized gateway address it is keyed by.
 */
@NullMarked
package io.debuggate.cli.config;

import org.jspecify.annotations.NullMarked;
