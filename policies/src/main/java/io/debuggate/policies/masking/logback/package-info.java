/**
 * Logback converters that send the product's own log output through the masking engine, so that
 * log lines carry no unmasked customer data. Optional: only needed where Logback is the backend.
 */
@NullMarked
package io.debuggate.policies.masking.logback;

import org.jspecify.annotations.NullMarked;
