package io.debuggate.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.approval.ActiveGrant;
import io.debuggate.approval.GrantWindow;
import io.debuggate.audit.AuditReceipt;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.gateway.identity.CurrentCaller;
import io.debuggate.gateway.sessions.SessionGrant;
import io.debuggate.gateway.targets.Target;
import io.debuggate.policies.PolicyLoader;
import io.debuggate.policies.masking.MaskingEngine;
import io.debuggate.gateway.delve.RpcCodec;
import io.debuggate.gateway.delve.StreamingJsonMasker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The broker with a scripted dlv on a loopback socket and a fake client: the per-message rules
 * that need no real debugger (grant re-check, fail-closed audit, id mapping, masking of replies).
 */
class DlvConnectionBrokerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final MaskingEngine MASKING = MaskingEngine.defaults(new byte[32]);

    private final List<AuditRecord> recorded = new CopyOnWriteArrayList<>();
    private final AtomicBoolean auditDown = new AtomicBoolean();
    private final AuditTrail audit = record -> {
        if (auditDown.get()) {
            throw new AuditUnavailableException("spool not writable (disk full)");
        }
        recorded.add(record);
        return new AuditReceipt("e" + recorded.size(), recorded.size(), "h");
    };
    private final FakeClient client = new FakeClient();
    private ServerSocket dlvListener;
    private Socket dlvSide;
    /** The broker of the long-list tests ({@link #halfAListSentInParts}). */
    private DlvConnectionBroker listBroker;

    @AfterEach
    void close() throws IOException {
        if (dlvSide != null) {
            dlvSide.close();
        }
        if (dlvListener != null) {
            dlvListener.close();
        }
    }

    @Test
    void repliesGetTheClientsIdBackAndAreMasked() throws Exception {
        DlvConnectionBroker broker = broker(Clock.fixed(NOW, ZoneOffset.UTC));
        client.send(broker, "{\"method\":\"RPCServer.Eval\",\"params\":[{\"Expr\":\"c.Email\"}],\"id\":\"mine-7\"}");
        String forwarded = readLine(dlvSide.getInputStream());
        assertThat(forwarded).isEqualTo("{\"method\":\"RPCServer.Eval\",\"params\":[{\"Expr\":\"c.Email\"}],\"id\":0}");
        dlvSide.getOutputStream().write(("{\"id\":0,\"result\":{\"Variable\":{\"name\":\"c.Email\",\"type\":\"string\",\"kind\":24,"
                + "\"value\":\"li.na@example.com\",\"len\":17,\"children\":[]}},\"error\":null}\n").getBytes(StandardCharsets.UTF_8));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !client.sent.isEmpty());
        String reply = client.sent.getFirst();
        assertThat(reply).startsWith("{\"id\":\"mine-7\",\"result\":").doesNotContain("li.na@example.com").contains("email#");
        assertThat(recorded).extracting(AuditRecord::action).containsExactly("dlv.rpc", "dlv.reply");
    }

    @Test
    void aMessageAfterTheGrantWindowCutsTheConnectionAndNothingIsForwarded() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        DlvConnectionBroker broker = broker(clock);
        now.set(NOW.plus(Duration.ofHours(2)));
        client.send(broker, "{\"method\":\"RPCServer.State\",\"params\":[{\"NonBlocking\":true}],\"id\":1}");
        assertThat(client.closedWith.get()).isNotNull();
        assertThat(client.closedWith.get().code()).isEqualTo(CloseReason.POLICY);
        assertThat(client.closedWith.get().text()).contains("grant window closed");
        dlvSide.setSoTimeout(300);
        assertThat(dlvSide.getInputStream().read()).as("nothing reached dlv").isEqualTo(-1);
    }

    @Test
    void whenTheTrailCannotRecordTheRequestIsNotForwardedAndTheSessionIsCut() throws Exception {
        DlvConnectionBroker broker = broker(Clock.fixed(NOW, ZoneOffset.UTC));
        auditDown.set(true);
        client.send(broker, "{\"method\":\"RPCServer.State\",\"params\":[{\"NonBlocking\":true}],\"id\":1}");
        assertThat(client.closedWith.get().code()).isEqualTo(CloseReason.SERVER_ERROR);
        assertThat(client.closedWith.get().text()).contains("audit trail cannot record").contains("disk full");
        dlvSide.setSoTimeout(300);
        assertThat(dlvSide.getInputStream().read()).as("nothing forwarded unrecorded").isEqualTo(-1);
    }

    @Test
    void aLongListIsMaskedAndSentInPartsWhileDlvIsStillSendingItAndEndsAsTheWholeReplyWould() throws Exception {
        byte[] list = goroutineList(8000);
        int half = halfAListSentInParts(list, "\"g\"");
        assertThat(client.sent).as("the reply is not complete yet").isEmpty();
        OutputStream dlv = dlvSide.getOutputStream();
        dlv.write(list, half, list.length - half);
        dlv.write('\n');
        dlv.flush();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !client.sent.isEmpty());

        byte[] whole = new RpcCodec().streamReply(list, JsonNodeFactory.instance.stringNode("g"), new StreamingJsonMasker(MASKING),
                MASKING::mask).bytes();
        String reply = client.sent.getFirst();
        assertThat(reply).isEqualTo(new String(whole, StandardCharsets.UTF_8)).doesNotContain("@example.com").contains("email#");
        assertThat(client.parts).hasSizeGreaterThan(2);
        assertThat(recorded).extracting(AuditRecord::action).containsExactly("dlv.rpc", "dlv.reply");
        assertThat(recorded.getLast().details()).containsEntry("replyBytes", (long) whole.length).containsEntry("method", "ListGoroutines");
    }

    @Test
    void aLongListCutOffByDlvEndsItsMessageSoTheCloseReasonStillReachesTheClient() throws Exception {
        halfAListSentInParts(goroutineList(8000), "2");
        dlvSide.close();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> client.closedWith.get() != null);
        assertThat(client.closedWith.get().code()).isEqualTo(CloseReason.GOING_AWAY);
        assertThat(client.messageOpen).as("the part-sent message was ended before the close").isFalse();
        assertThat(client.noticesDuringMessage).isEmpty();
        assertThat(client.notices).anyMatch(n -> n.contains("the debugger closed the connection"));
        assertThat(listBroker.isClosed()).isTrue();
    }

    /**
     * The client asks for goroutines (with {@code clientId}); dlv sends the first half of
     * {@code list}, and the client gets its first masked parts.
     *
     * @return where the second half begins
     */
    private int halfAListSentInParts(byte[] list, String clientId) throws IOException {
        listBroker = broker(Clock.fixed(NOW, ZoneOffset.UTC));
        client.send(listBroker, "{\"method\":\"RPCServer.ListGoroutines\",\"params\":[{}],\"id\":" + clientId + "}");
        readLine(dlvSide.getInputStream());
        int half = list.length / 2;
        dlvSide.getOutputStream().write(list, 0, half);
        dlvSide.getOutputStream().flush();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !client.parts.isEmpty());
        return half;
    }

    /** A reply as dlv writes one: {@code {"id":0,"result":{"Goroutines":[...]},"error":null}}, without its newline. */
    private static byte[] goroutineList(int goroutines) {
        StringBuilder json = new StringBuilder("{\"id\":0,\"result\":{\"Goroutines\":[");
        for (int g = 1; g <= goroutines; g++) {
            json.append(g > 1 ? "," : "").append("{\"id\":").append(g)
                    .append(",\"currentLoc\":{\"pc\":18446744073709551615,\"file\":\"/usr/lib/go/src/runtime/proc.go\",\"line\":402,")
                    .append("\"function\":{\"name\":\"runtime.gopark\",\"optimized\":true}},")
                    .append("\"labels\":{\"customer\":\"user").append(g % 50).append("@example.com\",\"token\":\"t").append(g)
                    .append("\"},\"WaitReason\":2}");
        }
        return json.append("],\"Nextg\":-1},\"error\":null}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private DlvConnectionBroker broker(Clock clock) throws IOException {
        dlvListener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), dlvListener.getLocalPort());
        dlvSide = dlvListener.accept();
        Target target = new Target("payment-svc", "demo-0", "agent-1", URI.create("http://127.0.0.1:1"));
        ActiveGrant grant = new ActiveGrant("dr-1", "alice", "payment-svc", "demo-0", Set.of("dlv"), "interactive", List.of(),
                new GrantWindow(NOW.minus(Duration.ofMinutes(5)), NOW.plus(Duration.ofMinutes(30))));
        LiveSession session = new LiveSession(new SessionGrant("dr-1", new CurrentCaller("alice", Set.of("engineers")), target,
                grant), PolicyLoader.loadDefault().mode("interactive"), "trace-1");
        TunnelProperties limits = new TunnelProperties(1 << 20, 32, 1 << 28, Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 5, Duration.ofMinutes(10));
        DlvConnectionBroker broker = new DlvConnectionBroker(session, "dr-1/c1", client, upstream, limits, () -> MASKING, audit, clock,
                null, b -> { });
        broker.start();
        return broker;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b; (b = in.read()) != '\n' && b >= 0; ) {
            s.append((char) b);
        }
        return s.toString();
    }

    private static final class FakeClient implements ClientChannel {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> notices = new CopyOnWriteArrayList<>();
        final AtomicReference<CloseReason> closedWith = new AtomicReference<>();
        /** The sizes of the parts of a message sent in parts, as they are sent. */
        final List<Integer> parts = new CopyOnWriteArrayList<>();
        final List<String> noticesDuringMessage = new CopyOnWriteArrayList<>();
        volatile boolean messageOpen;

        @Override
        public OutputStream openMessage() {
            messageOpen = true;
            return new ByteArrayOutputStream() {
                @Override
                public void write(byte[] b, int off, int len) {
                    super.write(b, off, len);
                    parts.add(len);
                }

                @Override
                public void close() {
                    messageOpen = false;
                    sent.add(toString(StandardCharsets.UTF_8));
                }
            };
        }

        void send(DlvConnectionBroker broker, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            broker.onClientBytes(bytes, 0, bytes.length);
        }

        @Override
        public void send(byte[] bytes) {
            sent.add(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void notice(String text) {
            if (messageOpen) {
                noticesDuringMessage.add(text);
            }
            notices.add(text);
        }

        @Override
        public void close(CloseReason reason) {
            closedWith.set(reason);
        }

        @Override
        public boolean isOpen() {
            return closedWith.get() == null;
        }
    }
}
