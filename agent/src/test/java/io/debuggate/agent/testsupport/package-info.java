/**
 * Reusable test support, shipped in the agent's test-jar for other modules' tests:
 * {@link io.debuggate.agent.testsupport.GoTestBed} builds and runs the Go test bed
 * ({@code deploy/testbed}), {@link io.debuggate.agent.testsupport.RunningAgent} runs an agent
 * beside it with a fresh gateway key pair, {@link io.debuggate.agent.testsupport.TestBedPii}
 * lists the personal data the test bed holds, and
 * {@link io.debuggate.agent.testsupport.ChildProcessReaper} lists dlv processes left running.
 * The process work itself is main code ({@code io.debuggate.agent.demo}), whose shutdown hook
 * makes sure no Go or dlv process outlives the JVM. Missing {@code go}/{@code dlv} fail loudly
 * with {@code DemoUnavailableException} naming the install command.
 *
 * <p>Use from another module: depend on {@code io.debuggate:debuggate-agent} with
 * {@code <type>test-jar</type>} and {@code <scope>test</scope>}, then
 * <pre>{@code
 * try (GoTestBed bed = GoTestBed.start(); RunningAgent agent = RunningAgent.start(bed)) {
 *     HttpResponse<InputStream> heap = agent.client().pprof(agent.order(DebugTool.PPROF), "heap");
 * }
 * }</pre>
 */
@NullMarked
package io.debuggate.agent.testsupport;

import org.jspecify.annotations.NullMarked;
