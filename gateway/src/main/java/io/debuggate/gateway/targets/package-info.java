/** The instances a session can target, and the agent that stands beside each. */
@NullMarked
package io.debuggate.gateway.targets;

import org.jspecify.annotations.NullMarked;
