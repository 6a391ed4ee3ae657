/**
 * Policies as code: the immutable policy model ({@link io.debuggate.policies.PolicySet},
 * {@link io.debuggate.policies.ModePolicy}), the YAML loader with line-accurate errors
 * ({@link io.debuggate.policies.PolicyLoader}) and the decision type every check returns
 * ({@link io.debuggate.policies.PolicyDecision}). Anything a policy does not name is denied.
 * Plain Java, no framework. Nulls are explicit.
 */
@NullMarked
package io.debuggate.policies;

import org.jspecify.annotations.NullMarked;
