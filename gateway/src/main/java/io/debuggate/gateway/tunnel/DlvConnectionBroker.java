package io.debuggate.gateway.tunnel;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.gateway.delve.ArrivingReply;
import io.debuggate.gateway.delve.EncoderLineSplitter;
import io.debuggate.gateway.delve.FramingException;
import io.debuggate.gateway.delve.JsonMessageSplitter;
import io.debuggate.gateway.delve.MalformedRpcException;
import io.debuggate.gateway.delve.RpcCodec;
import io.debuggate.gateway.delve.RpcReply;
import io.debuggate.gateway.delve.RpcRequest;
import io.debuggate.gateway.delve.StreamingJsonMasker;
import io.debuggate.gateway.delve.StrictRpcParser;
import io.debuggate.policies.PolicyDecision;
import io.debuggate.policies.masking.DelveVariableMasker;
import io.debuggate.policies.masking.MaskingEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Brokers one debugger client connection to one dlv relay connection, message by message.
 *
 * <p>Client to dlv: split the stream into JSON values, parse strictly, re-check the grant, decide
 * by the mode's policy, record, then write the <em>re-serialized</em> request with an id of the
 * gateway's own. Requests are never queued behind an outstanding {@code Command}: each is
 * forwarded as soon as it is read, because Delve answers {@code Command} only when the target stops
 * again (debug-protocols.md §1.3). dlv to client: replies are matched by id (they come out of
 * order), masked, given back the client's id and recorded.
 */
final class DlvConnectionBroker {

    private static final Logger log = LoggerFactory.getLogger(DlvConnectionBroker.class);

    private final LiveSession session;
    private final String connectionId;
    private final ClientChannel client;
    private final Socket upstream;
    private final OutputStream upstreamOut;
    private final JsonMessageSplitter requests;
    private final int maxReplyBytes;
    private final StrictRpcParser parser = new StrictRpcParser();
    private final RpcCodec codec = new RpcCodec();
    private final Supplier<MaskingEngine> engines;
    private volatile Maskers maskers;
    private final AuditTrail audit;
    private final Clock clock;
    private final Consumer<DlvConnectionBroker> onClosed;
    private final @Nullable TargetControl control;
    private final boolean microHalts;
    private final int captureHits;
    private final Duration captureTtl;
    private final ConcurrentMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextUpstreamId = new AtomicLong();
    private final ReentrantLock upstreamWrite = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A forwarded request waiting for dlv's reply; {@code answered} completes once the client has it. */
    private record Pending(JsonNode clientId, String method, long startNanos, CompletableFuture<Void> answered,
                           @Nullable Consumer<JsonNode> onResult) {
    }

    /** Requests Delve answers while the target runs; everything else waits for a stop (debug-protocols.md §1.3). */
    private static final Set<String> ANSWERED_WHILE_RUNNING = Set.of("GetVersion", "SetApiVersion", "IsMulticlient",
            "AttachedToExistingProcess", "GetBufferedTracepoints", "DumpWait", "DumpCancel");
    private static final Duration INSPECTION_TIMEOUT = Duration.ofSeconds(30);
    /** Part size of a reply sent while it is masked: large enough that framing costs nothing, small enough to overlap. */
    private static final int REPLY_PART_BYTES = 256 * 1024;
    /**
     * Replies that carry no Delve {@code Variable} (debug-protocols.md §3.2): masked while streaming,
     * string by string. All others are masked as trees, where Variables are recognised by shape.
     */
    private static final Set<String> STREAMED_REPLIES = Set.of("ListGoroutines", "ListThreads", "GetThread",
            "ListFunctions", "ListSources", "ListTypes", "ListPackagesBuildInfo", "ListDynamicLibraries", "FindLocation",
            "Ancestors", "FunctionReturnLocations", "GetVersion", "ProcessPid", "LastModified", "BuildID", "Recorded",
            "IsMulticlient", "AttachedToExistingProcess", "SetApiVersion");
    /**
     * Replies that hold Variables only sometimes (a stop's return values, a breakpoint's loaded
     * arguments, a frame's locals): streamed as above when the bytes hold none, as tree-masked
     * otherwise. These are the replies of every step and every {@code State}, so their latency is
     * the tunnel's. Their numbers outside Variables are Delve's own (pcs, addresses, ids, lines).
     */
    private static final Set<String> STREAMED_WITHOUT_VARIABLES = Set.of("State", "Command", "ListBreakpoints",
            "GetBreakpoint", "GetBreakpointByName", "ClearBreakpoint", "AmendBreakpoint", "ToggleBreakpoint", "Stacktrace",
            "GetBufferedTracepoints", "Restart", "Detach");

    DlvConnectionBroker(LiveSession session, String connectionId, ClientChannel client, Socket upstream,
                        TunnelProperties limits, Supplier<MaskingEngine> engines, AuditTrail audit, Clock clock,
                        @Nullable TargetControl control, Consumer<DlvConnectionBroker> onClosed) throws IOException {
        this.session = session;
        this.connectionId = connectionId;
        this.client = client;
        this.upstream = upstream;
        this.upstreamOut = upstream.getOutputStream();
        this.requests = new JsonMessageSplitter(limits.maxRequestBytes(), limits.maxRequestDepth());
        this.maxReplyBytes = limits.maxReplyBytes();
        this.engines = engines;
        this.maskers = Maskers.of(engines.get());
        this.audit = audit;
        this.clock = clock;
        this.onClosed = onClosed;
        this.control = control;
        // A mode whose client may not resume the target must never leave it halted: every stop the
        // client asks for becomes a micro-halt the gateway ends itself.
        this.microHalts = control != null && !session.mode().delve().commands().contains("continue");
        this.captureHits = limits.captureHitLimit();
        this.captureTtl = limits.captureExpiry();
    }

    LiveSession session() {
        return session;
    }

    String connectionId() {
        return connectionId;
    }

    /** Starts relaying dlv's replies; call once, after the client channel is open. */
    void start() {
        // A platform thread: one per debugger connection, and a blocked read wakes it directly
        // instead of through the virtual-thread poller, which cost every round trip a hop.
        Thread.ofPlatform().daemon().name("dlv-replies-" + connectionId).start(this::relayReplies);
    }

    /** Bytes from the debugger client, in any chunking. */
    void onClientBytes(byte[] bytes, int offset, int length) {
        if (closed.get()) {
            return;
        }
        try {
            requests.feed(bytes, offset, length, this::onRequest);
        } catch (FramingException e) {
            record(AuditRecord.of(AuditActions.DLV_RPC, AuditOutcome.DENIED, session.user())
                    .reason("unframeable input: " + e.getMessage()).detail("connection", connectionId));
            close(new CloseReason(e.getMessage().startsWith("message exceeds") ? CloseReason.TOO_BIG : CloseReason.INVALID_PAYLOAD,
                    "closed by debuggate: " + e.getMessage()));
        }
    }

    /** The client went away: nothing more is forwarded; dlv's relay connection is closed. */
    void clientClosed() {
        close(null);
    }

    /** Ends this connection with a reason shown to the person at the client. */
    void cut(String why) {
        close(new CloseReason(CloseReason.POLICY, why));
    }

    boolean isClosed() {
        return closed.get();
    }

    private void onRequest(byte[] message) {
        if (closed.get()) {
            return;
        }
        Optional<String> refusal = session.refusal(clock.instant());
        if (refusal.isPresent()) {
            cut(refusal.get());
            return;
        }
        RpcRequest request;
        try {
            request = parser.parse(message);
        } catch (MalformedRpcException e) {
            refuseMalformed(e);
            return;
        }
        PolicyDecision decision = session.mode().delve().decide(request.method(), request.params());
        String maskedParams = codec.compact(request.params() == null ? null : maskers().variables().mask(request.params()));
        if (!decision.allowed()) {
            String error = "denied by policy " + session.mode().name() + ": " + request.method()
                    + describeCommand(request) + ": " + decision.message();
            if (record(rpcEvent(request, AuditOutcome.DENIED, maskedParams).reason(decision.code() + ": " + decision.message()))) {
                reply(request.id(), null, error);
            }
            return;
        }
        if (!record(rpcEvent(request, AuditOutcome.SUCCESS, maskedParams).detail("microHalt", microHalts ? true : null))) {
            return;
        }
        if (microHalts) {
            forwardWithMicroHalt(request);
        } else {
            forward(neverWaitingState(request));
        }
    }

    /**
     * {@code State{NonBlocking:false}} waits for the next stop. The gateway may have resumed the
     * target behind the client's back (halt budget), and then that stop may never come: the
     * client would hang, as {@code dlv connect}'s exit does. Stopped, both forms answer the same.
     */
    /**
     * Snapshot mode: a breakpoint may not stop production for a person, so it is created as a
     * capture: it loads the goroutine's stack with arguments and locals within the mode's limits,
     * and the gateway's watchdog records each hit and resumes the target at once.
     */
    private RpcRequest asCapture(RpcRequest request) {
        tools.jackson.databind.node.ObjectNode params = request.params() == null
                ? JsonNodeFactory.instance.objectNode() : (tools.jackson.databind.node.ObjectNode) request.params().deepCopy();
        tools.jackson.databind.node.ObjectNode bp = params.path("Breakpoint").isObject()
                ? (tools.jackson.databind.node.ObjectNode) params.get("Breakpoint") : params.putObject("Breakpoint");
        bp.remove("continue"); // a tracepoint still stops; the watchdog resumes instead
        bp.put("goroutine", true).put("stacktrace", 8);
        return new RpcRequest(request.id(), request.method(), params);
    }

    private void registerCapture(TargetControl target, JsonNode result) {
        JsonNode id = result.path("Breakpoint").path("id");
        if (id.canConvertToInt()) {
            target.addCapturePoint(id.asInt(), session, captureHits, captureTtl);
            client.notice("debuggate: snapshot mode made breakpoint " + id.asInt() + " a capture: each hit records the"
                    + " goroutine's stack, arguments and locals (masked) and the target resumes at once; at most "
                    + captureHits + " hits within " + captureTtl.toMinutes() + " min. See GET /api/sessions/" + session.id()
                    + "/captures or the web UI.");
        }
    }

    private static RpcRequest neverWaitingState(RpcRequest request) {
        if (!"State".equals(request.shortMethod())) {
            return request;
        }
        return new RpcRequest(request.id(), request.method(), JsonNodeFactory.instance.objectNode().put("NonBlocking", true));
    }

    private CompletableFuture<Void> forward(RpcRequest request) {
        return forward(request, null);
    }

    /** @param onResult sees dlv's unmasked result of a successful reply (for the gateway's own bookkeeping) */
    private CompletableFuture<Void> forward(RpcRequest request, @Nullable Consumer<JsonNode> onResult) {
        long upstreamId = nextUpstreamId.getAndIncrement();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        pending.put(upstreamId, new Pending(request.id(), request.shortMethod(), System.nanoTime(), answered, onResult));
        writeUpstream(codec.request(request, upstreamId));
        return answered;
    }

    /**
     * Snapshot mode: the client sees a stopped process, production sees millisecond stops. A halt
     * is served by the gateway's control connection and undone at once; an inspection that Delve
     * would block on a running target is wrapped in halt-serve-resume; {@code State} never waits for
     * a stop that the gateway will not let last.
     */
    private void forwardWithMicroHalt(RpcRequest request) {
        TargetControl target = java.util.Objects.requireNonNull(control);
        String method = request.shortMethod();
        try {
            if ("halt".equals(request.commandName())) {
                long start = System.nanoTime();
                TargetControl.MicroHalt<JsonNode> halt = target.haltAndResume();
                JsonNode result = maskers().variables().maskTree(halt.value());
                byte[] bytes = reply(request.id(), result, null);
                recordReply(method, start, bytes, null, halt.halted());
                client.notice("debuggate: snapshot mode halts only while it serves a request; the target was stopped for "
                        + halt.halted().toMillis() + " ms and runs again");
                return;
            }
            if ("State".equals(method)) {
                forward(neverWaitingState(request));
                return;
            }
            if (ANSWERED_WHILE_RUNNING.contains(method)) {
                forward(request);
                return;
            }
            if ("CreateBreakpoint".equals(method)) {
                target.withTargetStopped(() -> forward(asCapture(request), result -> registerCapture(target, result))
                        .get(INSPECTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                return;
            }
            if ("ClearBreakpoint".equals(method) && request.params() != null && request.params().path("Id").canConvertToInt()) {
                target.removeCapturePoint(request.params().path("Id").asInt());
            }
            target.withTargetStopped(() -> forward(request).get(INSPECTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            log.warn("micro-halt failed session={} connection={} method={} error=\"{}\"", session.id(), connectionId, method,
                    e.toString());
            reply(request.id(), null, "debuggate could not serve " + method + " within the snapshot budget: " + e.getMessage());
        }
    }

    private static String describeCommand(RpcRequest request) {
        String name = request.commandName();
        return name == null ? "" : " " + name;
    }

    private AuditRecord.Builder rpcEvent(RpcRequest request, AuditOutcome outcome, String maskedParams) {
        return AuditRecord.of(AuditActions.DLV_RPC, outcome, session.user())
                .detail("method", request.shortMethod())
                .detail("command", request.commandName())
                .detail("params", maskedParams)
                .detail("connection", connectionId);
    }

    private void refuseMalformed(MalformedRpcException e) {
        boolean recorded = record(AuditRecord.of(AuditActions.DLV_RPC, AuditOutcome.DENIED, session.user())
                .reason("malformed request: " + e.getMessage()).detail("connection", connectionId));
        if (!recorded) {
            return;
        }
        if (e.id() != null) {
            reply(e.id(), null, "refused by debuggate: " + e.getMessage());
        } else {
            close(new CloseReason(CloseReason.INVALID_PAYLOAD, "closed by debuggate: " + e.getMessage()));
        }
    }

    private void writeUpstream(byte[] bytes) {
        upstreamWrite.lock();
        try {
            upstreamOut.write(bytes);
            upstreamOut.flush();
        } catch (IOException e) {
            close(new CloseReason(CloseReason.GOING_AWAY, "the connection to the debugger was lost: " + e.getMessage()));
        } finally {
            upstreamWrite.unlock();
        }
    }

    private void relayReplies() {
        // dlv writes with Go's json.Encoder: one message per line (client traffic is framed as JSON instead)
        EncoderLineSplitter replies = new EncoderLineSplitter(maxReplyBytes, REPLY_PART_BYTES, this::takeEarly);
        byte[] buffer = new byte[64 * 1024];
        CloseReason reason;
        try (InputStream in = upstream.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                replies.feed(buffer, 0, n, this::onReply);
            }
            reason = new CloseReason(CloseReason.GOING_AWAY, "the debugger closed the connection (the session was detached)");
        } catch (IOException e) {
            reason = new CloseReason(CloseReason.GOING_AWAY, "the connection to the debugger was lost: " + e.getMessage());
        } catch (FramingException e) {
            log.warn("dlv reply stream unreadable session={} connection={} error=\"{}\"", session.id(), connectionId, e.getMessage());
            reason = new CloseReason(CloseReason.SERVER_ERROR, "the debugger sent a reply debuggate cannot read; reconnect");
        } catch (RuntimeException e) {
            log.error("dlv reply relay failed session={} connection={}", session.id(), connectionId, e);
            reason = new CloseReason(CloseReason.SERVER_ERROR, "debuggate failed relaying a reply: " + e.getClass().getSimpleName());
        }
        // A reply cut off mid-way ends its message first: the channel takes nothing else until it does.
        replies.abandon();
        close(reason);
    }

    /**
     * A long reply that can be masked as bytes is taken before its end: masked and sent in parts
     * while dlv is still sending the rest. Any other waits to be read whole ({@link #onReply}).
     */
    private EncoderLineSplitter.@Nullable ArrivingMessage takeEarly(byte[] head, int length) {
        ArrivingReply.Head start = ArrivingReply.Head.read(head, length);
        Pending waiting = start == null ? null : pending.get(start.id());
        if (waiting == null || waiting.onResult() != null || !STREAMED_REPLIES.contains(waiting.method())
                || !pending.remove(start.id(), waiting)) {
            return null;
        }
        return new EarlyReply(waiting, start.resultStart());
    }

    /** One reply relayed while it arrives; the client's channel is held for it from its first part to its last. */
    private final class EarlyReply implements EncoderLineSplitter.ArrivingMessage {
        private final Pending request;
        private int headerLeft;
        private @Nullable OutputStream message;
        private @Nullable FragmentingBuffer out;
        private @Nullable ArrivingReply reply;

        EarlyReply(Pending request, int resultStart) {
            this.request = request;
            this.headerLeft = resultStart;
            Maskers m = maskers();
            try {
                message = client.openMessage();
                out = new FragmentingBuffer(message, REPLY_PART_BYTES);
                reply = new ArrivingReply(request.clientId(), m.streaming(), m.engine()::mask, out);
            } catch (IOException e) {
                clientGone(e);
            }
        }

        @Override
        public void more(byte[] bytes, int from, int length) {
            int skipped = Math.min(headerLeft, length); // dlv's own id and the member name before its result
            headerLeft -= skipped;
            if (reply == null || skipped == length) {
                return;
            }
            try {
                reply.feed(bytes, from + skipped, length - skipped);
            } catch (UncheckedIOException e) {
                clientGone(e);
            }
        }

        @Override
        public void end() {
            if (reply == null || out == null) {
                request.answered().complete(null);
                return;
            }
            try {
                String error = reply.finish();
                out.finish();
                release();
                request.answered().complete(null);
                recordReply(request.method(), request.startNanos(), out.total(), error, null);
            } catch (IOException | UncheckedIOException e) {
                clientGone(e);
            }
        }

        @Override
        public void abandon() {
            reply = null;
            releaseQuietly();
            request.answered().complete(null);
        }

        private void clientGone(Exception e) {
            abandon();
            replyUndelivered(e);
        }

        /** Ends the client's message, once. */
        private void release() throws IOException {
            OutputStream m = message;
            message = null;
            if (m != null) {
                m.close();
            }
        }

        private void releaseQuietly() {
            try {
                release();
            } catch (IOException ignored) {
                // the client is gone; the channel is free again all the same
            }
        }
    }

    private void onReply(byte[] message) {
        long peeked = codec.peekId(message);
        Pending waiting = peeked >= 0 ? pending.get(peeked) : null;
        Pending streamed = waiting != null && streamable(waiting, message) ? pending.remove(peeked) : null;
        if (streamed != null) {
            relayStreamed(message, streamed);
            return;
        }
        RpcReply reply = codec.readReply(message);
        Pending request = reply.id().canConvertToLong() ? pending.remove(reply.id().asLong()) : null;
        if (request == null) {
            log.warn("dlv reply for an unknown id session={} connection={} id={} pending={}", session.id(), connectionId,
                    reply.id(), pending.keySet());
            return;
        }
        if (request.onResult() != null && reply.result() != null && reply.error() == null) {
            request.onResult().accept(reply.result());
        }
        Maskers m = maskers();
        JsonNode result = reply.result() == null ? null : m.variables().maskTree(reply.result());
        String error = reply.error() == null ? null : m.engine().mask(reply.error());
        byte[] bytes = reply(request.clientId(), result, error);
        request.answered().complete(null);
        recordReply(request.method(), request.startNanos(), bytes, error, null);
    }

    /**
     * Masks a reply without Variables as bytes. A small one goes out in one frame; a large one in
     * parts as it is masked, so a long list reaches the client while the rest is still being masked.
     */
    private void relayStreamed(byte[] message, Pending streamed) {
        Maskers m = maskers();
        try {
            if (message.length < REPLY_PART_BYTES) {
                RpcCodec.StreamedReply reply = codec.streamReply(message, streamed.clientId(), m.streaming(), m.engine()::mask);
                streamed.answered().complete(null);
                recordReply(streamed.method(), streamed.startNanos(), send(reply.bytes()), reply.error(), null);
                return;
            }
            String error;
            long sent;
            try (OutputStream reply = client.openMessage()) {
                FragmentingBuffer out = new FragmentingBuffer(reply, REPLY_PART_BYTES);
                error = codec.streamReply(message, streamed.clientId(), m.streaming(), m.engine()::mask, out);
                out.finish();
                sent = out.total();
            } catch (IOException | UncheckedIOException e) {
                replyUndelivered(e);
                return;
            }
            streamed.answered().complete(null);
            recordReply(streamed.method(), streamed.startNanos(), sent, error, null);
        } finally {
            // Also when dlv's reply cannot be read: whoever waits for this answer must not wait for ever.
            streamed.answered().complete(null);
        }
    }

    /** Whether the reply can be masked as bytes: it holds no Variable, and the gateway needs no look at its result. */
    private static boolean streamable(Pending request, byte[] message) {
        if (request.onResult() != null) {
            return false;
        }
        return STREAMED_REPLIES.contains(request.method())
                || STREAMED_WITHOUT_VARIABLES.contains(request.method()) && !RpcCodec.mayHoldVariables(message);
    }

    private void recordReply(String method, long startNanos, byte @Nullable [] bytes, @Nullable String error,
                             @Nullable Duration halted) {
        recordReply(method, startNanos, bytes == null ? 0 : bytes.length, error, halted);
    }

    private void recordReply(String method, long startNanos, long replyBytes, @Nullable String error,
                             @Nullable Duration halted) {
        record(AuditRecord.of(AuditActions.DLV_REPLY, error == null ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, session.user())
                .detail("method", method)
                .detail("latencyMicros", (System.nanoTime() - startNanos) / 1000)
                .detail("replyBytes", replyBytes)
                .detail("haltedMicros", halted == null ? null : halted.toNanos() / 1000)
                .detail("error", error)
                .detail("connection", connectionId));
    }

    /**
     * The maskers for the rules in force: a policy reload that changes the masking rules reaches
     * this connection at its next message. The streaming masker keeps per-connection state and is
     * used by the reply relay only.
     */
    private Maskers maskers() {
        MaskingEngine now = engines.get();
        Maskers m = maskers;
        if (m.engine() != now) {
            m = Maskers.of(now);
            maskers = m;
        }
        return m;
    }

    private record Maskers(MaskingEngine engine, DelveVariableMasker variables, StreamingJsonMasker streaming) {
        static Maskers of(MaskingEngine engine) {
            return new Maskers(engine, new DelveVariableMasker(engine), new StreamingJsonMasker(engine));
        }
    }

    /** Words for the person at this connection's client (halt budget, cut warnings). */
    void notice(String text) {
        if (!closed.get() && client.isOpen()) {
            client.notice(text);
        }
    }

    private byte @Nullable [] reply(JsonNode clientId, @Nullable JsonNode result, @Nullable String error) {
        return send(codec.reply(clientId, result, error));
    }

    private byte @Nullable [] send(byte[] bytes) {
        try {
            client.send(bytes);
            return bytes;
        } catch (IOException e) {
            replyUndelivered(e);
            return null;
        }
    }

    /** The client went away while a reply was on its way to it: the connection ends as if it had left. */
    private void replyUndelivered(Exception e) {
        log.info("reply not delivered, client gone session={} connection={} error=\"{}\"", session.id(), connectionId,
                e.getMessage());
        close(null);
    }

    /** Records one event; when the trail cannot take it, the session is cut (fail closed). */
    private boolean record(AuditRecord.Builder event) {
        try {
            audit.record(event.session(session.id()).target(session.targetName()).request(session.id())
                    .trace(session.traceId()).build());
            return true;
        } catch (AuditUnavailableException e) {
            log.error("audit unavailable, cutting session={} connection={} error=\"{}\"", session.id(), connectionId, e.getMessage());
            close(new CloseReason(CloseReason.SERVER_ERROR, "session cut: the audit trail cannot record (" + e.getMessage()
                    + "); nothing is forwarded unrecorded"));
            return false;
        }
    }

    /** Idempotent. {@code reason} null means the client left on its own. */
    void close(@Nullable CloseReason reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("dlv connection closing session={} connection={} by={} code={} reason=\"{}\"", session.id(), connectionId,
                reason == null ? "client" : "gateway", reason == null ? "-" : reason.code(), reason == null ? "" : reason.text());
        try {
            upstream.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (reason != null && client.isOpen()) {
            client.notice(reason.text());
            client.close(reason);
        }
        pending.values().forEach(p -> p.answered().complete(null));
        pending.clear();
        onClosed.accept(this);
    }
}
