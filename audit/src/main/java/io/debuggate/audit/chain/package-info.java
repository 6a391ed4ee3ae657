/**
 * Proving the stored trail: the verifier that walks one instance's chain and names the first broken
 * link, and the Ed25519 signing of chain heads.
 */
@NullMarked
package io.debuggate.audit.chain;

import org.jspecify.annotations.NullMarked;
