package io.debuggate.agent.http;

import com.sun.net.httpserver.HttpServer;
import io.debuggate.agent.dlv.DeadManSwitch;
import io.debuggate.agent.dlv.DlvSupervisor;
import io.debuggate.agent.protocol.AgentHealth;
import io.debuggate.agent.protocol.OrderTokenVerifier;
import io.debuggate.agent.protocol.TargetMetrics;
import io.debuggate.agent.target.TargetUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JDK HTTP server with the agent's endpoints, one virtual thread per exchange. */
public final class AgentHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentHttpServer.class);
    private static final Duration PPROF_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    static {
        // The JDK server writes an answer in several small pieces (headers, chunks, the last chunk);
        // with Nagle's algorithm on, each waits for the peer's delayed ACK: ~40 ms added to every
        // small pprof answer. Read once per JVM, when the first HttpServer is made; an explicit
        // -Dsun.net.httpserver.nodelay wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * @param pprofBase          the target's loopback pprof listener, e.g. {@code http://127.0.0.1:6060}
     * @param maxProfileDuration the longest {@code seconds=} a pprof request may ask for
     * @param deadMan            heartbeats and attach orders reset it
     */
    public AgentHttpServer(InetSocketAddress bind, OrderTokenVerifier verifier, URI pprofBase, Duration maxProfileDuration,
                           DlvSupervisor supervisor, IntSupplier relayPort, Supplier<AgentHealth> health,
                           DeadManSwitch deadMan) throws IOException {
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        OrderAuthentication authentication = new OrderAuthentication(verifier);
        this.server = HttpServer.create(bind, 64);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                HttpReplies.error(exchange, 404, "not_found", "no such endpoint; the agent serves "
                        + HealthHandler.PATH + ", " + PprofRelayHandler.PREFIX + "<profile>, " + DlvAttachHandler.PATH
                        + ", " + HeartbeatHandler.PATH);
            }
        });
        server.createContext(HealthHandler.PATH, new HealthHandler(health));
        server.createContext(PprofRelayHandler.PREFIX,
                new PprofRelayHandler(authentication, PPROF_CONNECT_TIMEOUT, pprofBase, maxProfileDuration));
        server.createContext(DlvAttachHandler.PATH, new DlvAttachHandler(authentication, supervisor, relayPort,
                deadMan::heartbeat));
        server.createContext(HeartbeatHandler.PATH, new HeartbeatHandler(authentication, deadMan));
        server.start();
        log.info("agent http listening address={}", server.getAddress());
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Reads the target's metrics now; throws when the target cannot be found. */
    @FunctionalInterface
    public interface MetricsReader {
        TargetMetrics read() throws TargetUnavailableException;
    }

    /** Adds {@code GET /v1/metrics} (the target's CPU counter for the gateway's health breakers). */
    public void serveMetrics(MetricsReader metrics) {
        server.createContext(MetricsHandler.PATH, new MetricsHandler(metrics));
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
