package io.debuggate.agent.client;

import io.debuggate.agent.protocol.AgentHealth;
import io.debuggate.agent.protocol.AgentJson;
import io.debuggate.agent.protocol.DlvEndpoint;
import io.debuggate.agent.protocol.HeartbeatAck;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.OrderTokenSigner;
import io.debuggate.agent.protocol.RelayPreface;
import io.debuggate.agent.protocol.SignedOrder;
import io.debuggate.agent.protocol.TargetMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Calls one agent on behalf of the gateway. Every call signs the given order; for relay
 * connections each order must carry a fresh nonce ({@link OrderToken#renewed}), because the
 * agent admits a token to the relay only once.
 */
public final class AgentClient implements AutoCloseable {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Long enough for {@code profile?seconds=120} plus the agent's own margin; for pprof also the longest pause between body reads. */
    public static final Duration PPROF_TIMEOUT = Duration.ofSeconds(180);
    public static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(60);
    /** A heartbeat that takes longer is as good as lost; keep it well below the agent's dead-man timeout. */
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);

    private final URI agentBase;
    private final OrderTokenSigner signer;
    private final HttpClient http;

    public AgentClient(URI agentBase, OrderTokenSigner signer) {
        if (agentBase.getHost() == null || agentBase.getPort() < 0) {
            throw new IllegalArgumentException("agent base \"" + agentBase + "\" must be http://HOST:PORT");
        }
        this.agentBase = agentBase;
        this.signer = signer;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public AgentHealth health() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(agentBase.resolve("/v1/health")).timeout(CONNECT_TIMEOUT).GET().build();
        return readJson(send(request), AgentHealth.class);
    }

    /** {@code GET /v1/metrics}: the target's CPU counter; {@link AgentRefusedException} (503) when the agent cannot find the target. */
    public TargetMetrics metrics() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(agentBase.resolve("/v1/metrics")).timeout(CONNECT_TIMEOUT).GET().build();
        return readJson(send(request), TargetMetrics.class);
    }

    /**
     * {@code GET /v1/pprof/<path>}: the target's pprof answer, status and headers as the target
     * sent them (also 4xx/5xx from pprof itself). The caller must close the body.
     *
     * @param pathAndQuery {@code heap?debug=1}, {@code goroutine?debug=1}, {@code /debug/pprof/heap}, …
     * @throws AgentRefusedException when the agent itself refused (401, 400, 502, …)
     */
    public HttpResponse<InputStream> pprof(OrderToken order, String pathAndQuery) throws IOException {
        return pprof(SignedOrder.sign(order, signer), pathAndQuery);
    }

    /** As {@link #pprof(OrderToken, String)} with an order signed beforehand (pprof orders may be presented repeatedly). */
    public HttpResponse<InputStream> pprof(SignedOrder order, String pathAndQuery) throws IOException {
        String relative = pathAndQuery.startsWith("/debug/pprof/") ? pathAndQuery.substring("/debug/pprof/".length())
                : pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery;
        // A blocking connection, not this.http: see BlockingPprofResponse for the throughput reason.
        HttpResponse<InputStream> response = BlockingPprofResponse.get(agentBase.resolve("/v1/pprof/" + relative),
                "Bearer " + order.compact(), CONNECT_TIMEOUT, PPROF_TIMEOUT);
        if (isAgentError(response)) {
            throw refusal(response);
        }
        return response;
    }

    /** {@code POST /v1/dlv/attach}: the agent attaches dlv (or reuses the running one). */
    public DlvEndpoint attachDlv(OrderToken order) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(agentBase.resolve("/v1/dlv/attach")).timeout(ATTACH_TIMEOUT)
                .header("Authorization", "Bearer " + signer.sign(order)).POST(HttpRequest.BodyPublishers.noBody()).build();
        return readJson(send(request), DlvEndpoint.class);
    }

    /**
     * {@code POST /v1/heartbeat}: keeps the agent's dead-man switch from tearing the session down.
     * Send one well within {@link HeartbeatAck#timeoutMillis()} while a dlv is attached. Like relay
     * connections, every heartbeat needs a fresh nonce ({@link OrderToken#renewed}); a replayed
     * token is refused with 401 {@code replayed}.
     *
     * @throws AgentRefusedException when the agent refused (401 with the reason)
     */
    public HeartbeatAck heartbeat(OrderToken order) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(agentBase.resolve("/v1/heartbeat")).timeout(HEARTBEAT_TIMEOUT)
                .header("Authorization", "Bearer " + signer.sign(order)).POST(HttpRequest.BodyPublishers.noBody()).build();
        return readJson(send(request), HeartbeatAck.class);
    }

    /**
     * Opens a relay connection to the attached dlv: after this returns, the socket carries raw
     * dlv bytes (JSON-RPC or DAP) both ways.
     *
     * @throws AgentRefusedException with status 0 when the agent answered {@code ERR <reason>}
     */
    public Socket openDlvRelay(DlvEndpoint endpoint, OrderToken order) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(endpoint.relayHost(), endpoint.relayPort()), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) CONNECT_TIMEOUT.toMillis() * 3);
            socket.getOutputStream().write(RelayPreface.request(signer.sign(order)));
            socket.getOutputStream().flush();
            String answer = readLine(socket.getInputStream());
            if (!answer.equals(RelayPreface.OK)) {
                String reason = answer.startsWith(RelayPreface.ERR + " ") ? answer.substring(4) : "unexpected answer \"" + answer + "\"";
                throw new AgentRefusedException(0, "relay", reason);
            }
            socket.setSoTimeout(0);
            socket.setTcpNoDelay(true); // small request/response messages: no Nagle delay
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** As {@link #openDlvRelay(DlvEndpoint, OrderToken)}, finding the relay port through {@link #health()}. */
    public Socket openDlvRelay(OrderToken order) throws IOException {
        return openDlvRelay(new DlvEndpoint(agentBase.getHost(), health().relayPort(), 0, false), order);
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the agent at " + agentBase, e);
        }
    }

    /** pprof's own errors carry {@code X-Go-Pprof}; the agent's are JSON without it. */
    private static boolean isAgentError(HttpResponse<InputStream> response) {
        return response.statusCode() >= 400 && response.headers().firstValue("X-Go-Pprof").isEmpty()
                && response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
    }

    private static <T> T readJson(HttpResponse<InputStream> response, Class<T> type) throws IOException {
        if (response.statusCode() != 200) {
            throw refusal(response);
        }
        try (InputStream body = response.body()) {
            return AgentJson.mapper().readValue(body, type);
        } catch (JacksonException e) {
            throw new IOException("the agent answered a " + type.getSimpleName() + " this client cannot read: " + e.getOriginalMessage(), e);
        }
    }

    private static AgentRefusedException refusal(HttpResponse<InputStream> response) throws IOException {
        byte[] bytes;
        try (InputStream body = response.body()) {
            bytes = body.readNBytes(16 * 1024);
        }
        try {
            JsonNode node = AgentJson.mapper().readTree(bytes);
            return new AgentRefusedException(response.statusCode(), node.path("error").asString("unknown"),
                    node.path("detail").asString(""));
        } catch (JacksonException e) {
            return new AgentRefusedException(response.statusCode(), "unknown", new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            if (line.size() >= RelayPreface.MAX_LINE_BYTES) {
                throw new IOException("relay answer longer than " + RelayPreface.MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
