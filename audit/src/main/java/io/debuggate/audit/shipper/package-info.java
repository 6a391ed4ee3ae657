/**
 * Drains the spool into Elasticsearch with idempotent bulk creates under the writer identity,
 * retrying across outages, and reports how far it got.
 */
@NullMarked
package io.debuggate.audit.shipper;

import org.jspecify.annotations.NullMarked;
