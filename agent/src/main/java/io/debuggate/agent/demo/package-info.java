/**
 * The demo target, startable at run time: {@link io.debuggate.agent.demo.DemoTarget} builds and
 * runs the Go test bed ({@code deploy/testbed}, via {@link io.debuggate.agent.demo.GoTestBedBuild}
 * and {@link io.debuggate.agent.demo.GoTestBedProcess}) and an in-process agent bound to it,
 * serving the target {@code payment-svc/demo-0}. A missing {@code go}, {@code dlv} or source
 * tree raises {@link io.debuggate.agent.demo.DemoUnavailableException} naming the fix, so a
 * gateway can run without the demo. {@link io.debuggate.agent.demo.DemoProcessReaper} leaves no
 * Go or dlv process behind when the JVM stops (dlv first, by SIGTERM only).
 */
@NullMarked
package io.debuggate.agent.demo;

import org.jspecify.annotations.NullMarked;
