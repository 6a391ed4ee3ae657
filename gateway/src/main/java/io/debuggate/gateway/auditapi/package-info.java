/**
 * The auditors' REST API under {@code /api/audit}: search with paging, a session's timeline, chain
 * verification and streaming export. Only the auditor and admin groups may use it; every read goes
 * through the auditor identity of the audit store, never the writer's.
 */
@NullMarked
package io.debuggate.gateway.auditapi;

import org.jspecify.annotations.NullMarked;
