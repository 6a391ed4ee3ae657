/**
 * Talking to the gateway's REST API as the logged-in user: a valid access token on every call
 * (renewed when it is about to expire), and RFC 9457 problem answers turned into messages that
 * name the rule and the fix.
 */
@NullMarked
package io.debuggate.cli.api;

import org.jspecify.annotations.NullMarked;
