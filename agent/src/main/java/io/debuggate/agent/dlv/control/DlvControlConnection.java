package io.debuggate.agent.dlv.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Delve JSON-RPC 1.0 client for a guardian's own control connection, over any connected
 * socket: a direct loopback connection to dlv (the agent) or a relay connection from {@code
 * AgentClient.openDlvRelay} (the gateway). dlv must run with {@code --accept-multiclient}, so
 * this connection coexists with the engineer's and closing it changes nothing in the target.
 *
 * <p>One reader thread parses dlv's replies as a stream of JSON values (no framing on newlines,
 * debug-protocols §1.1) and completes the pending request with the same id: dlv answers a
 * {@code Command} only when the target stops again, so replies come out of order (§1.3).
 * Numbers stay in {@link JsonNode}s; uint64 fields such as {@code addr} become big integers,
 * never doubles (§1.5).
 *
 * <p>It cannot kill the target: {@link #detach()} always sends {@code Kill:false} and {@link #send}
 * refuses {@code Detach}, so no caller can put {@code Kill:true} on the wire through this class.
 */
public final class DlvControlConnection implements AutoCloseable {

    /** Timeout of the convenience methods without a {@link Duration}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(DlvControlConnection.class);
    private static final String PREFIX = "RPCServer.";
    /**
     * Lenient on purpose: this side only reads dlv's own replies; strictness belongs to client
     * traffic. Without trailing-token checks, since replies are a stream of values and the check
     * would block until the next reply arrives.
     */
    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final Socket socket;
    private final OutputStream out;
    private final String peer;
    private final Duration defaultTimeout;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private volatile @Nullable DlvConnectionClosedException closedBecause;

    private record Pending(String method, CompletableFuture<JsonNode> reply) {
    }

    private record Sent(long id, String method, CompletableFuture<JsonNode> reply) {
    }

    /** Takes over a connected socket (closing this closes it) and starts the reader thread. */
    public DlvControlConnection(Socket socket) throws IOException {
        this(socket, DEFAULT_TIMEOUT);
    }

    /** @param defaultTimeout used by the methods that take no timeout */
    public DlvControlConnection(Socket socket, Duration defaultTimeout) throws IOException {
        if (!socket.isConnected() || socket.isClosed()) {
            throw new IllegalArgumentException("the socket to dlv must be connected and open");
        }
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("defaultTimeout " + defaultTimeout + " must be positive");
        }
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
        this.defaultTimeout = defaultTimeout;
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        Thread.ofVirtual().name("dlv-control-reader-" + socket.getLocalPort()).start(() -> readLoop(in));
    }

    /** A direct connection to dlv's API address (the agent's loopback path). */
    public static DlvControlConnection connect(InetSocketAddress api, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(api, (int) Math.max(1, timeout.toMillis()));
            return new DlvControlConnection(socket, timeout);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** An empty params object to fill in for {@link #send}/{@link #call}. */
    public static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /**
     * Sends {@code RPCServer.<method>} with one params object and returns at once. The future
     * completes with the reply's {@code result} (a {@link NullNode} when dlv sent null), or
     * exceptionally with {@link DlvErrorReplyException} (dlv's error string) or {@link
     * DlvConnectionClosedException}.
     *
     * @param method {@code State} or {@code RPCServer.State}; {@code Detach} is refused, use {@link #detach()}
     */
    public CompletableFuture<JsonNode> send(String method, ObjectNode params) {
        return sendQualified(refuseDetach(qualified(method)), params).reply();
    }

    /** Sends and waits for the result; throws {@link DlvErrorReplyException} when dlv answers with an error. */
    public JsonNode call(String method, ObjectNode params, Duration timeout) throws DlvControlException {
        return await(sendQualified(refuseDetach(qualified(method)), params), timeout);
    }

    public JsonNode call(String method, ObjectNode params) throws DlvControlException {
        return call(method, params, defaultTimeout);
    }

    /**
     * {@code State}. With {@code nonBlocking} it answers at once even while the target runs (then
     * with pid 0 and no threads); without it, it waits for a running target to stop.
     */
    public DlvState state(boolean nonBlocking, Duration timeout) throws DlvControlException {
        return DlvState.of(call("State", params().put("NonBlocking", nonBlocking), timeout));
    }

    public DlvState state(boolean nonBlocking) throws DlvControlException {
        return state(nonBlocking, defaultTimeout);
    }

    /**
     * {@code Command{halt}} and wait for the reply, which dlv sends once every thread is stopped.
     * Halting a target that is already stopped may make its next resume stop at once (§1.3):
     * check {@link #state} first.
     */
    public DlvState halt(Duration timeout) throws DlvControlException {
        return DlvState.of(call("Command", params().put("name", "halt"), timeout));
    }

    /** Ids of the user breakpoints, tracepoints and watchpoints ({@code ListBreakpoints{All:false}}); dlv's built-ins are negative. */
    public List<Integer> breakpointIds(Duration timeout) throws DlvControlException {
        JsonNode result = call("ListBreakpoints", params().put("All", false), timeout);
        List<Integer> ids = new ArrayList<>();
        for (JsonNode breakpoint : result.path("Breakpoints")) {
            if (!breakpoint.path("id").canConvertToInt()) {
                throw new DlvControlException("dlv listed a breakpoint without an integer id: " + breakpoint.path("id"));
            }
            ids.add(breakpoint.path("id").asInt());
        }
        return List.copyOf(ids);
    }

    public List<Integer> breakpointIds() throws DlvControlException {
        return breakpointIds(defaultTimeout);
    }

    public void clearBreakpoint(int id, Duration timeout) throws DlvControlException {
        call("ClearBreakpoint", params().put("Id", id), timeout);
    }

    public void clearBreakpoint(int id) throws DlvControlException {
        clearBreakpoint(id, defaultTimeout);
    }

    /** {@code CancelNext}: forgets an interrupted next/step so that a resume does not stop again at its end. */
    public void cancelNext(Duration timeout) throws DlvControlException {
        call("CancelNext", params(), timeout);
    }

    public void cancelNext() throws DlvControlException {
        cancelNext(defaultTimeout);
    }

    /**
     * {@code Command{continue}} without waiting: dlv answers only when the target stops again,
     * which after a clean teardown is never. The future completes then, or fails when the
     * connection closes; nobody needs to wait for it.
     */
    public CompletableFuture<DlvState> continueWithoutWaiting() {
        return sendQualified(PREFIX + "Command", params().put("name", "continue")).reply().thenApply(DlvState::of);
    }

    /**
     * {@code Detach{Kill:false}}: dlv removes its breakpoints, detaches and exits, closing every
     * connection; an attached target keeps running. There is deliberately no way to send
     * {@code Kill:true}. Detach waits while the target runs: halt first. For a process dlv
     * launched, dlv kills it regardless of {@code Kill} (§4.1) — check {@link
     * #attachedToExistingProcess()} before.
     */
    public void detach(Duration timeout) throws DlvControlException {
        await(sendQualified(PREFIX + "Detach", params().put("Kill", false)), timeout);
    }

    public void detach() throws DlvControlException {
        detach(defaultTimeout);
    }

    /** {@code AttachedToExistingProcess}: false means dlv launched the target and any Detach kills it. */
    public boolean attachedToExistingProcess(Duration timeout) throws DlvControlException {
        JsonNode answer = call("AttachedToExistingProcess", params(), timeout).path("Answer");
        if (!answer.isBoolean()) {
            throw new DlvControlException("dlv answered AttachedToExistingProcess without a boolean Answer: " + answer);
        }
        return answer.booleanValue();
    }

    public boolean attachedToExistingProcess() throws DlvControlException {
        return attachedToExistingProcess(defaultTimeout);
    }

    /** {@code IsMulticlient}: without it, closing this connection would stop dlv (§1.4). */
    public boolean isMulticlient() throws DlvControlException {
        return call("IsMulticlient", params()).path("IsMulticlient").asBoolean(false);
    }

    /** False once dlv closed the connection or {@link #close()} was called. */
    public boolean isOpen() {
        return closedBecause == null;
    }

    /** The remote address, for log lines. */
    public String peer() {
        return peer;
    }

    /** Closes the socket. With a multi-client dlv this leaves dlv and the target exactly as they are. */
    @Override
    public void close() {
        markClosed(new DlvConnectionClosedException("the control connection to dlv at " + peer + " was closed by this side"));
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing dlv control connection peer={} error={}", peer, e.toString());
        }
    }

    private static String qualified(String method) {
        if (method.isBlank()) {
            throw new IllegalArgumentException("dlv method name is blank");
        }
        return method.startsWith(PREFIX) ? method : PREFIX + method;
    }

    /** Method lookup in dlv is case-sensitive, but refuse every spelling: a Detach may carry Kill:true. */
    private static String refuseDetach(String qualified) {
        if (qualified.toLowerCase(Locale.ROOT).equals((PREFIX + "Detach").toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("send Detach only through detach(), which always sends Kill:false;"
                    + " Kill:true would kill the target");
        }
        return qualified;
    }

    private Sent sendQualified(String method, ObjectNode params) {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, new Pending(method, reply));
        DlvConnectionClosedException closed = closedBecause;
        if (closed != null) {
            failPending(id, closed);
            return new Sent(id, method, reply);
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("method", method);
        request.putArray("params").add(params);
        request.put("id", id);
        byte[] line = (JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (out) {
                out.write(line);
                out.flush();
            }
        } catch (IOException e) {
            failPending(id, new DlvConnectionClosedException("cannot send " + method + " to dlv at " + peer + ": " + e.getMessage(), e));
        }
        return new Sent(id, method, reply);
    }

    private JsonNode await(Sent sent, Duration timeout) throws DlvControlException {
        try {
            return sent.reply().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.remove(sent.id());
            throw new DlvReplyTimeoutException(sent.method(), timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DlvErrorReplyException error) {
                throw error;
            }
            if (e.getCause() instanceof DlvConnectionClosedException closed) {
                throw new DlvConnectionClosedException(closed.getMessage() + " (while waiting for " + sent.method() + ")", closed);
            }
            throw new DlvControlException("unexpected failure of " + sent.method() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.remove(sent.id());
            throw new DlvControlException("interrupted while waiting for dlv to answer " + sent.method());
        }
    }

    private void readLoop(InputStream in) {
        String why = "dlv closed the connection (it exited or detached, or the relay dropped)";
        try (JsonParser parser = JSON.createParser(in)) {
            for (JsonNode reply; (reply = JSON.readTree(parser)) != null && !reply.isMissingNode(); ) {
                dispatch(reply);
            }
        } catch (JacksonException e) {
            if (closedBecause == null) {
                why = "the connection to dlv at " + peer + " failed: " + e.getOriginalMessage();
            }
        }
        markClosed(new DlvConnectionClosedException(why));
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private void dispatch(JsonNode reply) {
        JsonNode id = reply.path("id");
        Pending waiting = id.canConvertToLong() ? pending.remove(id.asLong()) : null;
        if (waiting == null) {
            // A reply to a request whose caller gave up (timeout), or not ours at all.
            log.debug("dlv reply without a waiting request peer={} id={}", peer, id);
            return;
        }
        JsonNode error = reply.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            waiting.reply().completeExceptionally(new DlvErrorReplyException(waiting.method(),
                    error.isString() ? error.asString() : error.toString()));
        } else {
            JsonNode result = reply.get("result");
            waiting.reply().complete(result == null ? NullNode.getInstance() : result);
        }
    }

    private void markClosed(DlvConnectionClosedException why) {
        synchronized (pending) {
            if (closedBecause == null) {
                closedBecause = why;
            }
        }
        for (Long id : List.copyOf(pending.keySet())) {
            failPending(id, closedBecause);
        }
    }

    private void failPending(long id, @Nullable DlvConnectionClosedException why) {
        Pending waiting = pending.remove(id);
        if (waiting != null) {
            waiting.reply().completeExceptionally(why != null ? why : new DlvConnectionClosedException("closed"));
        }
    }
}
