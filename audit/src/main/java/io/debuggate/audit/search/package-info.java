/**
 * Auditor search over the audit indices: criteria, paging, session timelines, JSON-lines and CSV
 * export. Who may search is decided by the gateway.
 */
@NullMarked
package io.debuggate.audit.search;

import org.jspecify.annotations.NullMarked;
