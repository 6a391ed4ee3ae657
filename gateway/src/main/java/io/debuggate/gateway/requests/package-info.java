/** The REST face of the approval workflow: create, list, sign, revoke, cancel debug requests. */
@NullMarked
package io.debuggate.gateway.requests;

import org.jspecify.annotations.NullMarked;
