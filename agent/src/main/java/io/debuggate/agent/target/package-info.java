/**
 * The Go process the agent stands beside: how its pid is found (fixed or from a pid file,
 * re-read on every order so a restarted service is found again) and what {@code /proc} says
 * about it (running, stopped, traced by whom).
 */
@NullMarked
package io.debuggate.agent.target;

import org.jspecify.annotations.NullMarked;
