/**
 * Runs a real Elasticsearch node from the Maven-resolved server zip for the product's default set-up
 * and for tests: unpack once, configure before the first start, run unprivileged, wait for health,
 * stop with SIGTERM, and explain every failure with its cause and fix.
 */
@NullMarked
package io.debuggate.audit.node;

import org.jspecify.annotations.NullMarked;
