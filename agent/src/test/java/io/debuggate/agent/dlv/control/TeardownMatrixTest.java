package io.debuggate.agent.dlv.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.dlv.control.TeardownSequence.Ending;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.DlvEndpoint;
import io.debuggate.agent.target.ProcStatus;
import io.debuggate.agent.testsupport.DlvRpc;
import io.debuggate.agent.testsupport.GoTestBed;
import io.debuggate.agent.testsupport.RunningAgent;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The teardown sequence against the real test bed under real dlv, over a relay connection as
 * the gateway uses it, for each way a session can be found at the moment of the cut, with both
 * endings. After each: the service answers HTTP within a second, no user breakpoint remains,
 * the pid is unchanged, and after DETACH nobody traces it.
 */
class TeardownMatrixTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private GoTestBed bed;
    private RunningAgent agent;

    /** How the engineer's session left the target when the cut comes. */
    enum Situation {
        /** dlv attach halts the target; nobody continued it. */
        FRESHLY_ATTACHED(false),
        /** A request hit a breakpoint on main.handle: the target is halted there, the request hangs. */
        HALTED_AT_BREAKPOINT(false),
        /** Breakpoint set, continued, then halted by the engineer. */
        HALTED_BY_HALT(false),
        /** Breakpoint set and continued: running, a trap waiting in main.handle. */
        RUNNING_WITH_BREAKPOINTS(true),
        /** A next interrupted (by a halt or another goroutine's breakpoint): a resume would stop again. */
        NEXT_IN_PROGRESS(false);

        final boolean running;

        Situation(boolean running) {
            this.running = running;
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Situation situation : Situation.values()) {
            for (Ending ending : Ending.values()) {
                rows.add(Arguments.of(situation, ending));
            }
        }
        return rows.stream();
    }

    @BeforeEach
    void start() {
        bed = GoTestBed.start();
        agent = RunningAgent.start(bed);
    }

    @AfterEach
    void stop() {
        agent.close();
        assertThat(bed.procStatus().tracerPid()).as("the agent's own teardown on close leaves no tracer").isZero();
        bed.close();
    }

    @ParameterizedTest(name = "{0} then {1}")
    @MethodSource("matrix")
    void teardownLeavesTheTargetServingUntouched(Situation situation, Ending ending) throws Exception {
        DlvEndpoint endpoint = agent.client().attachDlv(agent.order(DebugTool.DLV));
        long dlvPid = agent.agent().dlv().orElseThrow().dlvPid();
        long pid = bed.pid();
        try (DlvRpc engineer = new DlvRpc(agent.client().openDlvRelay(endpoint, agent.order(DebugTool.DLV)))) {
            Setup setup = arrange(situation, engineer);

            TeardownReport report;
            try (DlvControlConnection control = new DlvControlConnection(
                    agent.client().openDlvRelay(endpoint, agent.order(DebugTool.DLV)))) {
                assertThat(control.attachedToExistingProcess()).as("the agent's dlv attached, it did not launch").isTrue();
                assertThat(control.isMulticlient()).isTrue();
                report = new TeardownSequence().run(control, ending);
            }

            assertThat(report.problems()).as("report %s", report).isEmpty();
            assertThat(report.ending()).isEqualTo(ending);
            assertThat(report.runningAfter()).isTrue();
            assertThat(report.wasRunning()).isEqualTo(situation.running);
            assertThat(report.clearedBreakpoints()).containsExactlyInAnyOrderElementsOf(setup.breakpoints);
            assertThat(report.targetPid()).as("pid unchanged").isEqualTo(pid);

            long started = System.nanoTime();
            HttpResponse<String> paid = bed.get("/pay?customer=2&amount=300", ONE_SECOND);
            assertThat(paid.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ONE_SECOND);
            if (setup.hangingRequest != null) {
                assertThat(setup.hangingRequest.get(5, TimeUnit.SECONDS).statusCode())
                        .as("the request caught at the breakpoint completes").isEqualTo(200);
            }

            if (ending == Ending.DETACH) {
                TargetVerification.Verified verified = new TargetVerification()
                        .awaitOk(pid, dlvPid, bed.baseUri().resolve("/healthz"), null, Duration.ofSeconds(3));
                assertThat(verified.ok()).as(verified.detail()).isTrue();
                assertThat(bed.procStatus().tracerPid()).isZero();
                assertThat(engineer.closedWithin(WAIT)).as("dlv closed the engineer's connection on Detach").isTrue();
                awaitGone(dlvPid);
            } else {
                assertRunningWithoutBreakpoints(endpoint);
                ProcStatus status = bed.procStatus();
                assertThat(status.stopped()).as(status.state()).isFalse();
                assertThat(status.tracerProcessId()).as("RESUME keeps dlv attached").isEqualTo(dlvPid);
            }
            assertThat(bed.isAlive()).isTrue();
            assertThat(bed.pid()).isEqualTo(pid);
        }
    }

    private record Setup(List<Integer> breakpoints, @Nullable CompletableFuture<HttpResponse<String>> hangingRequest) {
    }

    private Setup arrange(Situation situation, DlvRpc engineer) throws Exception {
        engineer.call("SetApiVersion", Map.of("APIVersion", 2));
        return switch (situation) {
            case FRESHLY_ATTACHED -> {
                assertThat(state(engineer).path("Running").asBoolean()).isFalse();
                yield new Setup(List.of(), null);
            }
            case HALTED_AT_BREAKPOINT -> {
                int bp = breakpointOn(engineer, "main.handle");
                int continued = engineer.send("Command", Map.of("name", "continue"));
                CompletableFuture<HttpResponse<String>> request = CompletableFuture.supplyAsync(() -> {
                    try {
                        return bed.get("/pay?customer=1&amount=100", Duration.ofSeconds(30));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                JsonNode stop = engineer.awaitReply(continued, WAIT);
                assertThat(stop.at("/result/State/currentThread/breakPoint/id").asInt()).isEqualTo(bp);
                assertThat(request).as("the service is stuck at the breakpoint").isNotDone();
                yield new Setup(List.of(bp), request);
            }
            case HALTED_BY_HALT -> {
                int bp = breakpointOn(engineer, "main.handle");
                int continued = engineer.send("Command", Map.of("name", "continue"));
                assertThat(healthz().statusCode()).isEqualTo(200);
                engineer.call("Command", Map.of("name", "halt"));
                engineer.awaitReply(continued, WAIT);
                assertThatHalted();
                yield new Setup(List.of(bp), null);
            }
            case RUNNING_WITH_BREAKPOINTS -> {
                // Both only on the /pay path, so nothing springs them before the cut.
                int first = breakpointOn(engineer, "main.handle");
                int second = breakpointOn(engineer, "main.customerByID");
                int continued = engineer.send("Command", Map.of("name", "continue"));
                assertThat(healthz().statusCode()).isEqualTo(200);
                assertThat(engineer.noReplyWithin(continued, Duration.ofMillis(300))).as("still running").isTrue();
                yield new Setup(List.of(first, second), null);
            }
            case NEXT_IN_PROGRESS -> new Setup(List.of(nextInProgress(engineer)), null);
        };
    }

    /**
     * A breakpoint in a settlement worker's loop (hit every 500 ms without any request), then
     * {@code next} until one is interrupted: either the step waits in the worker's select and
     * the engineer halts, or another worker hits the breakpoint first. Both leave a next pending.
     */
    private int nextInProgress(DlvRpc engineer) throws Exception {
        Path customers = GoTestBed.repositoryRoot().resolve("deploy/testbed/customers.go");
        List<String> lines = Files.readAllLines(customers);
        int line = lines.indexOf(lines.stream().filter(l -> l.strip().equals("keepAlive(pending)")).findFirst().orElseThrow()) + 1;
        JsonNode location = engineer.call("FindLocation", Map.of("Scope", Map.of("GoroutineID", -1), "Loc",
                "customers.go:" + line)).at("/Locations/0");
        int bp = engineer.call("CreateBreakpoint", Map.of("Breakpoint", Map.of("file", location.path("file").asString(),
                "line", line))).at("/Breakpoint/id").asInt();
        engineer.awaitReply(engineer.send("Command", Map.of("name", "continue")), WAIT);
        for (int attempt = 0; attempt < 20; attempt++) {
            int next = engineer.send("Command", Map.of("name", "next"));
            if (engineer.noReplyWithin(next, Duration.ofMillis(100))) {
                engineer.call("Command", Map.of("name", "halt"));
            }
            JsonNode stopped = engineer.awaitReply(next, WAIT);
            if (stopped.at("/result/State/NextInProgress").asBoolean() || state(engineer).path("NextInProgress").asBoolean()) {
                assertThatHalted();
                return bp;
            }
        }
        throw new AssertionError("no next stayed in progress in 20 attempts");
    }

    private static int breakpointOn(DlvRpc engineer, String function) throws Exception {
        int id = engineer.call("CreateBreakpoint", Map.of("Breakpoint", Map.of("functionName", function)))
                .at("/Breakpoint/id").asInt();
        assertThat(id).isPositive();
        return id;
    }

    private static JsonNode state(DlvRpc rpc) throws Exception {
        return rpc.call("State", Map.of("NonBlocking", true)).path("State");
    }

    private void assertThatHalted() {
        assertThat(bed.procStatus().stopped()).as("halted: /proc says %s", bed.procStatus().state()).isTrue();
    }

    /** After RESUME: a fresh control connection sees the target running (still, after a worker tick) and no user breakpoint. */
    private void assertRunningWithoutBreakpoints(DlvEndpoint endpoint) throws Exception {
        try (DlvControlConnection check = new DlvControlConnection(agent.client().openDlvRelay(endpoint, agent.order(DebugTool.DLV)))) {
            Thread.sleep(700); // longer than the workers' 500 ms tick: a leftover breakpoint or next would have stopped it
            assertThat(check.state(true).running()).isTrue();
            assertThat(bed.get("/healthz", ONE_SECOND).statusCode()).isEqualTo(200);
            check.halt(WAIT);
            assertThat(check.breakpointIds()).allSatisfy(id -> assertThat(id).isNegative());
            assertThat(check.state(true).nextInProgress()).isFalse();
            check.continueWithoutWaiting();
            assertThat(check.state(true).running()).isTrue();
        }
    }

    private HttpResponse<String> healthz() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return bed.get("/healthz", Duration.ofMillis(500));
            } catch (HttpTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private void awaitGone(long dlvPid) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ProcessHandle.of(dlvPid).map(ProcessHandle::isAlive).orElse(false) || agent.agent().dlv().isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("dlv " + dlvPid + " still running after Detach");
            }
            Thread.sleep(50);
        }
    }
}
