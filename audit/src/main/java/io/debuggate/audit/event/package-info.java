/**
 * The stored form of an audit event: masking before anything is written, the ECS field layout,
 * canonical JSON and the SHA-256 chain hash over it.
 */
@NullMarked
package io.debuggate.audit.event;

import org.jspecify.annotations.NullMarked;
