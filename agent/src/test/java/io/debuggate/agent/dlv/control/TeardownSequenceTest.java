package io.debuggate.agent.dlv.control;

import static io.debuggate.agent.testsupport.FakeDlv.error;
import static io.debuggate.agent.testsupport.FakeDlv.method;
import static io.debuggate.agent.testsupport.FakeDlv.params;
import static io.debuggate.agent.testsupport.FakeDlv.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.dlv.control.TeardownSequence.Ending;
import io.debuggate.agent.testsupport.FakeDlv;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Failure paths of the teardown against a scripted dlv (the real-dlv matrix is {@code
 * TeardownMatrixTest}): a failing step never stops the next, and the sequence never ends in a
 * Detach that would kill, nor gives up on resuming.
 */
class TeardownSequenceTest {

    private static final TeardownSequence SEQUENCE = new TeardownSequence(Duration.ofMillis(500), 3);

    /** A dlv whose target is halted with breakpoints 1, 2, 3, and whose answers tests can spoil. */
    private static class ScriptedDlv {
        volatile boolean running;
        volatile boolean attached = true;
        volatile boolean haltAnswers = true;
        volatile int staleStops;
        final List<Integer> breakpoints = new CopyOnWriteArrayList<>(List.of(-1, -2, 1, 2, 3));
        final List<String> methods = new CopyOnWriteArrayList<>();
        final AtomicInteger continues = new AtomicInteger();

        @Nullable String answer(JsonNode request) {
            String method = method(request);
            methods.add(method);
            return switch (method) {
                case "State" -> result(request, state());
                case "Command" -> command(request);
                case "ListBreakpoints" -> result(request, "{\"Breakpoints\":[" + String.join(",",
                        breakpoints.stream().map(id -> "{\"id\":" + id + "}").toList()) + "]}");
                case "ClearBreakpoint" -> clear(request, params(request).path("Id").asInt());
                case "AttachedToExistingProcess" -> result(request, "{\"Answer\":" + attached + "}");
                case "Detach" -> detach(request);
                default -> result(request, "{}");
            };
        }

        @Nullable String command(JsonNode request) {
            String name = params(request).path("name").asString();
            if (name.equals("halt")) {
                if (!haltAnswers) {
                    return null;
                }
                running = false;
                return result(request, state());
            }
            continues.incrementAndGet();
            if (staleStops > 0) {
                staleStops--;
                return result(request, state()); // stopped again at once, the target never ran
            }
            running = true;
            return null;
        }

        @Nullable String clear(JsonNode request, int id) {
            if (id == 2) {
                return error(request, "could not clear breakpoint 2: input/output error");
            }
            breakpoints.remove(Integer.valueOf(id));
            return result(request, "{\"Breakpoint\":{\"id\":" + id + "}}");
        }

        @Nullable String detach(JsonNode request) {
            return params(request).path("Kill").asBoolean(true) ? error(request, "test: Kill must be false")
                    : result(request, "{}");
        }

        String state() {
            return "{\"State\":{\"Pid\":" + (running ? 0 : 4242) + ",\"Running\":" + running + ",\"NextInProgress\":false}}";
        }
    }

    @Test
    void aBreakpointThatCannotBeClearedIsReportedAndTheRestStillRuns() throws Exception {
        ScriptedDlv script = new ScriptedDlv();
        try (FakeDlv dlv = FakeDlv.start(script::answer); DlvControlConnection control = new DlvControlConnection(dlv.connect())) {
            TeardownReport report = SEQUENCE.run(control, Ending.DETACH);
            assertThat(report.clearedBreakpoints()).containsExactly(1, 3);
            assertThat(report.problems()).singleElement().asString()
                    .startsWith("clear breakpoint 2: dlv refused RPCServer.ClearBreakpoint: could not clear breakpoint 2");
            assertThat(report.ending()).isEqualTo(Ending.DETACH);
            assertThat(report.runningAfter()).isTrue();
            assertThat(report.wasRunning()).isFalse();
            assertThat(report.targetPid()).isEqualTo(4242);
            assertThat(report.clean()).isFalse();
            assertThat(script.methods).containsSubsequence("State", "ListBreakpoints", "ClearBreakpoint", "ClearBreakpoint",
                    "ClearBreakpoint", "CancelNext", "AttachedToExistingProcess", "Detach");
            assertThat(script.methods).as("a halted target is not halted again").doesNotContain("Command");
        }
    }

    @Test
    void aProcessDlvLaunchedIsResumedNeverDetached() throws Exception {
        ScriptedDlv script = new ScriptedDlv();
        script.attached = false;
        try (FakeDlv dlv = FakeDlv.start(script::answer); DlvControlConnection control = new DlvControlConnection(dlv.connect())) {
            TeardownReport report = SEQUENCE.run(control, Ending.DETACH);
            assertThat(script.methods).doesNotContain("Detach");
            assertThat(report.ending()).isEqualTo(Ending.RESUME);
            assertThat(report.runningAfter()).isTrue();
            assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("dlv launched the target and Detach would kill it"));
        }
    }

    @Test
    void aRunningTargetIsHaltedFirstAndAStaleStopIsContinuedAgain() throws Exception {
        ScriptedDlv script = new ScriptedDlv();
        script.running = true;
        script.staleStops = 1;
        try (FakeDlv dlv = FakeDlv.start(script::answer); DlvControlConnection control = new DlvControlConnection(dlv.connect())) {
            TeardownReport report = SEQUENCE.run(control, Ending.RESUME);
            assertThat(report.wasRunning()).isTrue();
            assertThat(script.methods.subList(0, 3)).containsExactly("State", "Command", "ListBreakpoints");
            assertThat(script.continues).as("the first continue stopped at once, the second one ran").hasValue(2);
            assertThat(report.runningAfter()).isTrue();
            assertThat(report.ending()).isEqualTo(Ending.RESUME);
            assertThat(report.problems()).containsExactly(
                    "clear breakpoint 2: dlv refused RPCServer.ClearBreakpoint: could not clear breakpoint 2: input/output error");
        }
    }

    @Test
    void resumingGivesUpAfterTheBoundAndSaysSo() throws Exception {
        ScriptedDlv script = new ScriptedDlv();
        script.staleStops = 10;
        try (FakeDlv dlv = FakeDlv.start(script::answer); DlvControlConnection control = new DlvControlConnection(dlv.connect())) {
            TeardownReport report = SEQUENCE.run(control, Ending.RESUME);
            assertThat(script.continues).hasValue(3);
            assertThat(report.runningAfter()).isFalse();
            assertThat(report.problems()).last().asString().startsWith("resume: the target is not running after 3 continue attempt(s)");
        }
    }

    @Test
    void whenHaltGoesUnansweredNothingThatWouldBlockIsSentAndTheTargetIsLeftRunning() throws Exception {
        ScriptedDlv script = new ScriptedDlv();
        script.running = true;
        script.haltAnswers = false;
        try (FakeDlv dlv = FakeDlv.start(script::answer); DlvControlConnection control = new DlvControlConnection(dlv.connect())) {
            TeardownReport report = SEQUENCE.run(control, Ending.DETACH);
            assertThat(script.methods).doesNotContain("ListBreakpoints", "ClearBreakpoint", "CancelNext", "Detach");
            assertThat(report.ending()).isEqualTo(Ending.RESUME);
            assertThat(report.runningAfter()).as("dlv shows the target running").isTrue();
            assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith("halt: dlv did not answer RPCServer.Command"))
                    .anySatisfy(p -> assertThat(p).contains("skipped because the target is not confirmed halted"));
            assertThat(report.took()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aFailedDetachFallsBackToResumeAndAClosedConnectionIsReportedNotThrown() throws Exception {
        ScriptedDlv script = new ScriptedDlv() {
            @Override
            @Nullable String detach(JsonNode request) {
                return error(request, "detach: operation not permitted");
            }
        };
        try (FakeDlv dlv = FakeDlv.start(script::answer); DlvControlConnection control = new DlvControlConnection(dlv.connect())) {
            TeardownReport report = SEQUENCE.run(control, Ending.DETACH);
            assertThat(report.ending()).isEqualTo(Ending.RESUME);
            assertThat(report.runningAfter()).isTrue();
            assertThat(report.problems()).contains("detach: dlv refused RPCServer.Detach: detach: operation not permitted",
                    "detach failed: resuming instead");
        }
        try (ServerSocket hangsUp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DlvControlConnection control = new DlvControlConnection(new Socket(InetAddress.getLoopbackAddress(),
                     hangsUp.getLocalPort()))) {
            hangsUp.accept().close();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (control.isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            TeardownReport report = new TeardownSequence(Duration.ofSeconds(2), 3).run(control, Ending.RESUME);
            assertThat(report.runningAfter()).isFalse();
            assertThat(report.problems()).first().asString().startsWith("state: ");
        }
    }
}
