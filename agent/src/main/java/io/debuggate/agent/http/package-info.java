/**
 * The agent's HTTP face on the JDK's built-in server: {@code GET /v1/health} (open),
 * {@code GET /v1/pprof/<profile>} (streams the target's loopback pprof answer) and
 * {@code POST /v1/dlv/attach} (ensures a dlv is attached), the last two only for a valid
 * gateway order token in {@code Authorization: Bearer}. The contract is in the agent's README.
 */
@NullMarked
package io.debuggate.agent.http;

import org.jspecify.annotations.NullMarked;
