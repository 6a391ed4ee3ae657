package io.debuggate.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.RawTunnelClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two clients on one session behave as Delve's multi-client mode does (debug-protocols.md §1.3,
 * §1.4): one debugger, shared breakpoints and stop state, and a client whose {@code continue} is
 * still outstanding is not blocked from sending more, nor is the other client.
 */
class MultiClientTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void twoClientsShareOneDebuggerAndAnOutstandingContinueBlocksNobody() throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();
        String session = DlvConnectThroughGatewayTest.grantedDelveSession(gw, "interactive");
        String token = gw.token("alice");
        try (RawTunnelClient a = RawTunnelClient.open(port, session, token);
             RawTunnelClient b = RawTunnelClient.open(port, session, token)) {
            a.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"halt\"}],\"id\":\"a1\"}");
            assertThat(a.awaitReply("\"a1\"", WAIT)).contains("\"Running\":false");
            a.send("{\"method\":\"RPCServer.CreateBreakpoint\",\"params\":[{\"Breakpoint\":{\"functionName\":\"main.customerByID\"}}],\"id\":\"a2\"}");
            assertThat(a.awaitReply("\"a2\"", WAIT)).contains("main.customerByID");

            b.send("{\"method\":\"RPCServer.ListBreakpoints\",\"params\":[{\"All\":false}],\"id\":\"b1\"}");
            assertThat(b.awaitReply("\"b1\"", WAIT)).as("one debugger: B sees A's breakpoint").contains("main.customerByID");
            b.send("{\"method\":\"RPCServer.ClearBreakpoint\",\"params\":[{\"Name\":\"\",\"Id\":1}],\"id\":\"b2\"}");
            assertThat(b.awaitReply("\"b2\"", WAIT)).contains("\"error\":null");

            // A resumes; its reply only comes at the next stop. A keeps talking meanwhile.
            a.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"continue\"}],\"id\":\"a3\"}");
            a.send("{\"method\":\"RPCServer.State\",\"params\":[{\"NonBlocking\":true}],\"id\":\"a4\"}");
            String aReplies = a.awaitReply("\"a4\"", WAIT);
            assertThat(aReplies).as("not serialized behind the outstanding continue").contains("\"id\":\"a4\"")
                    .doesNotContain("\"id\":\"a3\"");
            // B halts; A's continue completes with the stop.
            b.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"halt\"}],\"id\":\"b3\"}");
            assertThat(b.awaitReply("\"b3\"", WAIT)).contains("\"Running\":false");
            assertThat(a.awaitReply("\"a3\"", WAIT)).as("A's continue answered when B halted").contains("\"id\":\"a3\"");
            b.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"continue\"}],\"id\":\"b4\"}");
        }
    }
}
