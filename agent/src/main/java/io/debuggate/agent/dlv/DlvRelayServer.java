package io.debuggate.agent.dlv;

import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.OrderTokenRejectedException;
import io.debuggate.agent.protocol.OrderTokenVerifier;
import io.debuggate.agent.protocol.RelayPreface;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP relay from the gateway to dlv's loopback port. A connection must open with
 * {@code DGATE-RELAY/1 <token>\n}; the token is verified (single use) before a connection to dlv
 * is even opened, so no byte reaches dlv from an unverified peer. Then bytes flow both ways
 * untouched: parsing and policy are the gateway's job.
 */
public final class DlvRelayServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DlvRelayServer.class);
    private static final Set<DebugTool> RELAY_TOOLS = Set.of(DebugTool.DLV, DebugTool.DAP);
    private static final int DLV_CONNECT_TIMEOUT_MILLIS = 2000;

    private final ServerSocket serverSocket;
    private final OrderTokenVerifier verifier;
    private final Supplier<Optional<DlvAttachment>> dlv;
    private final Duration prefaceTimeout;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param dlv the running dlv, if any ({@link DlvSupervisor#current()}) */
    public DlvRelayServer(InetSocketAddress bind, OrderTokenVerifier verifier, Supplier<Optional<DlvAttachment>> dlv,
                          Duration prefaceTimeout) throws IOException {
        this.serverSocket = new ServerSocket();
        this.serverSocket.setReuseAddress(true);
        this.serverSocket.bind(bind, 64);
        this.verifier = verifier;
        this.dlv = dlv;
        this.prefaceTimeout = prefaceTimeout;
        Thread.ofPlatform().daemon().name("dlv-relay-accept").start(this::acceptLoop);
        log.info("dlv relay listening address={}", serverSocket.getLocalSocketAddress());
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    public int openConnections() {
        return open.size() / 2;
    }

    /**
     * Cuts every relay connection but keeps accepting new ones. Used when the gateway is taken
     * for dead: its sessions must stop talking to dlv before the teardown. With a multi-client
     * dlv a cut connection changes nothing in the target.
     */
    public void closeConnections() {
        open.forEach(DlvRelayServer::closeQuietly);
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        open.forEach(DlvRelayServer::closeQuietly);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = serverSocket.accept();
                // A platform thread: a blocked read wakes it directly, where a virtual thread waits for
                // the poller and then a carrier; on the debugger's round trip that was a measurable hop.
                Thread.ofPlatform().daemon().name("dlv-relay-" + client.getPort()).start(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    log.warn("dlv relay accept failed error={}", e.toString());
                }
            }
        }
    }

    private void serve(Socket client) {
        open.add(client);
        try (client) {
            client.setSoTimeout((int) prefaceTimeout.toMillis());
            Optional<OrderToken> order = admit(client);
            if (order.isEmpty()) {
                return;
            }
            Optional<DlvAttachment> attachment = dlv.get();
            if (attachment.isEmpty()) {
                refuse(client, "dlv is not running: POST /v1/dlv/attach first");
                return;
            }
            Socket upstream = new Socket();
            open.add(upstream);
            try (upstream) {
                try {
                    upstream.connect(attachment.get().apiAddress(), DLV_CONNECT_TIMEOUT_MILLIS);
                } catch (IOException e) {
                    refuse(client, "cannot reach dlv at " + attachment.get().apiAddress() + ": " + e.getMessage());
                    return;
                }
                client.getOutputStream().write(RelayPreface.ok());
                client.getOutputStream().flush();
                client.setSoTimeout(0);
                // JSON-RPC is request/response in small writes: Nagle plus delayed ACKs would add
                // tens of milliseconds to a round trip.
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                RelayPipe.run(client, upstream, describe(order.get(), client));
            } finally {
                open.remove(upstream);
            }
        } catch (IOException e) {
            log.debug("dlv relay connection failed client={} error={}", client.getRemoteSocketAddress(), e.toString());
        } finally {
            open.remove(client);
        }
    }

    private Optional<OrderToken> admit(Socket client) throws IOException {
        String line;
        try {
            line = readPrefaceLine(client.getInputStream());
        } catch (SocketTimeoutException e) {
            refuse(client, "no preface within " + prefaceTimeout + ": send \"" + RelayPreface.MAGIC + " <token>\" first");
            return Optional.empty();
        }
        if (line == null) {
            refuse(client, "malformed preface: expected one line \"" + RelayPreface.MAGIC + " <token>\" of at most "
                    + RelayPreface.MAX_LINE_BYTES + " bytes");
            return Optional.empty();
        }
        Optional<String> token = RelayPreface.tokenOf(line);
        if (token.isEmpty()) {
            refuse(client, "malformed preface: expected \"" + RelayPreface.MAGIC + " <token>\"");
            return Optional.empty();
        }
        try {
            return Optional.of(verifier.verifyOnce(token.get(), RELAY_TOOLS));
        } catch (OrderTokenRejectedException e) {
            log.warn("dlv relay refused client={} reason={} detail=\"{}\"", client.getRemoteSocketAddress(),
                    e.reason().wireName(), e.getMessage());
            refuse(client, e.getMessage());
            return Optional.empty();
        }
    }

    /** Reads byte by byte so nothing after the newline is consumed before the token is checked. */
    private static @Nullable String readPrefaceLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() >= RelayPreface.MAX_LINE_BYTES) {
                return null;
            }
            line.write(b);
        }
        return null;
    }

    private static void refuse(Socket client, String reason) {
        try {
            client.getOutputStream().write(RelayPreface.error(reason));
            client.getOutputStream().flush();
        } catch (IOException e) {
            log.debug("could not send relay refusal client={} error={}", client.getRemoteSocketAddress(), e.toString());
        }
    }

    private static String describe(OrderToken order, Socket client) {
        return "session=" + order.sessionId() + " user=" + order.user() + " tool=" + order.tool().wireName()
                + " client=" + client.getRemoteSocketAddress();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing on shutdown: nothing left to do with the error
        }
    }
}
