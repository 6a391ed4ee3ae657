/**
 * Talking to the audit store as one identity at a time ({@link io.debuggate.audit.store.StoreConnection}),
 * the index template and roles from {@code deploy/elasticsearch}, and the admin-only set-up that
 * applies them and proves the writer is append-only.
 */
@NullMarked
package io.debuggate.audit.store;

import org.jspecify.annotations.NullMarked;
