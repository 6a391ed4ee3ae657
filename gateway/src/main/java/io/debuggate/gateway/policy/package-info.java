/** Loads the policy file and the masking engine built from it, once, at start-up. */
@NullMarked
package io.debuggate.gateway.policy;

import org.jspecify.annotations.NullMarked;
