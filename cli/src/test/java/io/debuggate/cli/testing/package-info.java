/** Test support: a scriptable fake gateway, an in-process CLI runner, a movable clock, the Go test program. */
package io.debuggate.cli.testing;
