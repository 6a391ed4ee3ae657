/**
 * Health circuit breakers (safety invariant 7): every second each target instance's signals are
 * sampled from pluggable {@link io.debuggate.gateway.health.HealthSource}s and recorded into one
 * Resilience4j breaker per instance and signal. A trip publishes {@link
 * io.debuggate.gateway.health.TargetBreakerTripped} (the session registry cuts every session on
 * the instance), is audited with the samples that caused it, and alerts. {@link
 * io.debuggate.gateway.health.TargetHealthGate} keeps the instance closed to new sessions until it
 * has been calm for the policy's calm period, and then admits only newly approved ones.
 */
@NullMarked
package io.debuggate.gateway.health;

import org.jspecify.annotations.NullMarked;
