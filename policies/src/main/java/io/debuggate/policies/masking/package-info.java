/**
 * PII masking: a single-pass scanner with validating detectors (resident id check character, Luhn,
 * issuer prefixes, e-mail syntax), replacement styles (keep prefix/suffix, fixed redaction, keyed
 * tracking ids), and front ends for plain text ({@link io.debuggate.policies.masking.MaskingEngine}),
 * streams ({@link io.debuggate.policies.masking.MaskingWriter},
 * {@link io.debuggate.policies.masking.MaskingOutputStream}), Jackson trees
 * ({@link io.debuggate.policies.masking.JsonMasker}) and Delve variables
 * ({@link io.debuggate.policies.masking.DelveVariableMasker}). Nulls are explicit.
 */
@NullMarked
package io.debuggate.policies.masking;

import org.jspecify.annotations.NullMarked;
