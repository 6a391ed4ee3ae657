package io.debuggate.agent.dlv.control;

import static io.debuggate.agent.testsupport.FakeDlv.error;
import static io.debuggate.agent.testsupport.FakeDlv.method;
import static io.debuggate.agent.testsupport.FakeDlv.params;
import static io.debuggate.agent.testsupport.FakeDlv.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.agent.testsupport.FakeDlv;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The control client against a scripted dlv: correlation, dlv's errors, closes, and what it refuses to send. */
class DlvControlConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void repliesAreMatchedByIdEvenOutOfOrderAndWithoutNewlines() throws Exception {
        try (FakeDlv dlv = FakeDlv.start(request -> switch (method(request)) {
            case "Command" -> null; // answered later, as dlv answers continue at the next stop
            case "ListBreakpoints" -> result(request,
                    "{\"Breakpoints\":[{\"id\":-1,\"name\":\"unrecovered-panic\"},{\"id\":3,\"addr\":13758215386640154880}]}");
            default -> result(request, "{}");
        }); DlvControlConnection control = new DlvControlConnection(dlv.connect())) {
            CompletableFuture<DlvState> continued = control.continueWithoutWaiting();
            JsonNode continueRequest = dlv.nextRequest(WAIT);
            assertThat(method(continueRequest)).isEqualTo("Command");
            assertThat(params(continueRequest).path("name").asString()).isEqualTo("continue");

            assertThat(control.breakpointIds()).containsExactly(-1, 3);
            JsonNode raw = control.call("ListBreakpoints", DlvControlConnection.params().put("All", false), WAIT);
            assertThat(raw.at("/Breakpoints/1/addr").bigIntegerValue()).as("uint64 above Long.MAX_VALUE stays exact")
                    .isEqualTo(new BigInteger("13758215386640154880"));
            assertThat(continued).isNotDone();

            // Two replies in one packet, no newline between them, the late continue among them.
            dlv.write(result(continueRequest, "{\"State\":{\"Pid\":42,\"Running\":false,\"NextInProgress\":true,"
                    + "\"currentThread\":{\"breakPoint\":{\"id\":3}}}}") + "{\"id\":999,\"result\":{},\"error\":null}");
            DlvState stopped = continued.get(5, TimeUnit.SECONDS);
            assertThat(stopped.running()).isFalse();
            assertThat(stopped.pid()).isEqualTo(42);
            assertThat(stopped.nextInProgress()).isTrue();
            assertThat(stopped.breakpointId()).hasValue(3);
            assertThat(control.isOpen()).as("an unknown id is ignored, not fatal").isTrue();
            assertThatThrownBy(control::attachedToExistingProcess).as("no guessing when dlv's answer lacks Answer")
                    .isInstanceOf(DlvControlException.class).hasMessageContaining("without a boolean Answer");
        }
    }

    @Test
    void dlvErrorsBecomeExceptionsCarryingDlvsText() throws Exception {
        try (FakeDlv dlv = FakeDlv.start(request -> method(request).equals("ClearBreakpoint")
                ? error(request, "Breakpoint 7 does not exist") : result(request, "{\"Answer\":true}"));
             DlvControlConnection control = new DlvControlConnection(dlv.connect())) {
            assertThatThrownBy(() -> control.clearBreakpoint(7))
                    .isInstanceOfSatisfying(DlvErrorReplyException.class, e -> {
                        assertThat(e.dlvError()).isEqualTo("Breakpoint 7 does not exist");
                        assertThat(e.method()).isEqualTo("RPCServer.ClearBreakpoint");
                    }).hasMessage("dlv refused RPCServer.ClearBreakpoint: Breakpoint 7 does not exist");
            assertThat(control.attachedToExistingProcess()).isTrue();
        }
    }

    @Test
    void silenceTimesOutAndAClosedConnectionFailsEveryPendingRequest() throws Exception {
        try (FakeDlv dlv = FakeDlv.start(request -> null);
             DlvControlConnection control = new DlvControlConnection(dlv.connect())) {
            assertThatThrownBy(() -> control.halt(Duration.ofMillis(200)))
                    .isInstanceOf(DlvReplyTimeoutException.class).hasMessageContaining("RPCServer.Command within PT0.2S");
            CompletableFuture<JsonNode> pending = control.send("ListGoroutines", DlvControlConnection.params());
            dlv.nextRequest(WAIT);
            dlv.nextRequest(WAIT);
            dlv.dropConnections();
            assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(DlvConnectionClosedException.class);
            assertThatThrownBy(() -> control.state(true)).isInstanceOf(DlvConnectionClosedException.class)
                    .hasMessageContaining("dlv closed the connection");
            assertThat(control.isOpen()).isFalse();
        }
    }

    @Test
    void detachAlwaysSaysKillFalseAndNoOtherWayToSendDetachExists() throws Exception {
        try (FakeDlv dlv = FakeDlv.start(request -> result(request, "{}"));
             DlvControlConnection control = new DlvControlConnection(dlv.connect())) {
            for (String spelling : new String[] {"Detach", "RPCServer.Detach", "detach", "RPCServer.DETACH"}) {
                assertThatThrownBy(() -> control.send(spelling, DlvControlConnection.params().put("Kill", true)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Kill:true would kill the target");
                assertThatThrownBy(() -> control.call(spelling, DlvControlConnection.params().put("kill", true), WAIT))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            control.detach();
            JsonNode detach = dlv.nextRequest(WAIT);
            assertThat(detach.toString()).isEqualTo("{\"method\":\"RPCServer.Detach\",\"params\":[{\"Kill\":false}],\"id\":0}");
        }
    }
}
