/**
 * The built-in {@link io.debuggate.gateway.health.HealthSource}s: the agent's {@code /proc} CPU
 * counter, a Prometheus-format scrape of the service itself, and a Prometheus server's query API.
 * Sources read counters; the rates are computed here from two readings.
 */
@NullMarked
package io.debuggate.gateway.health.source;

import org.jspecify.annotations.NullMarked;
