/** The demo target a new user can try a whole session on: the Go test bed and its agent. */
@NullMarked
package io.debuggate.gateway.demo;

import org.jspecify.annotations.NullMarked;
