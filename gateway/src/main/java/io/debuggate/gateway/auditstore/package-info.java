/**
 * Wires the audit trail into the application: the local Elasticsearch node (laptop default) or an
 * external cluster, the append-only setup, the durable trail and its health.
 */
@NullMarked
package io.debuggate.gateway.auditstore;

import org.jspecify.annotations.NullMarked;
