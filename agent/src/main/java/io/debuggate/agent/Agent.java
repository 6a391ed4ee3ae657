package io.debuggate.agent;

import io.debuggate.agent.dlv.BeforeDlvStop;
import io.debuggate.agent.dlv.DlvAttachment;
import io.debuggate.agent.dlv.DlvRelayServer;
import io.debuggate.agent.dlv.DlvSupervisor;
import io.debuggate.agent.http.AgentHttpServer;
import io.debuggate.agent.protocol.AgentHealth;
import io.debuggate.agent.protocol.OrderTokenVerifier;
import io.debuggate.agent.target.TargetUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent. {@link #close()} stops taking orders first, then cuts relay connections,
 * then stops dlv with SIGTERM and waits, so the target is left running and untraced.
 */
public final class Agent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final DlvSupervisor supervisor;
    private final DlvRelayServer relay;
    private final AgentHttpServer http;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Agent(AgentConfig config, BeforeDlvStop beforeDlvStop) throws IOException {
        this.config = config;
        OrderTokenVerifier verifier = config.verifier();
        this.supervisor = new DlvSupervisor(config.dlv(), config.pidSource(), beforeDlvStop, config.clock());
        this.relay = new DlvRelayServer(new InetSocketAddress(config.listenHost(), config.relayPort()), verifier,
                supervisor::current, config.relayPrefaceTimeout());
        try {
            this.http = new AgentHttpServer(new InetSocketAddress(config.listenHost(), config.listenPort()), verifier,
                    config.pprofBase(), config.maxProfileDuration(), supervisor, () -> relay.address().getPort(),
                    this::health);
        } catch (IOException e) {
            relay.close();
            throw new IOException("cannot listen on " + config.listenHost() + ":" + config.listenPort() + " (" + e.getMessage()
                    + "): is another agent running? choose another --listen", e);
        }
        log.info("agent started agentId={} target={} http={} relay={} pprof={} pid={}", config.agentId(),
                config.targetName(), http.address(), relay.address(), config.pprofBase(), config.pidSource());
    }

    public static Agent start(AgentConfig config) throws IOException {
        return start(config, BeforeDlvStop.NOTHING);
    }

    /** @param beforeDlvStop run against dlv before each SIGTERM (the teardown sequence hooks in here) */
    public static Agent start(AgentConfig config, BeforeDlvStop beforeDlvStop) throws IOException {
        return new Agent(config, beforeDlvStop);
    }

    public AgentConfig config() {
        return config;
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    public InetSocketAddress relayAddress() {
        return relay.address();
    }

    /** {@code http://host:port} of the HTTP API, for an {@code AgentClient}. */
    public URI baseUri() {
        InetSocketAddress address = http.address();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    public Optional<DlvAttachment> dlv() {
        return supervisor.current();
    }

    public AgentHealth health() {
        @Nullable Long pid;
        try {
            pid = config.pidSource().resolve();
        } catch (TargetUnavailableException e) {
            pid = null;
        }
        boolean alive = pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return new AgentHealth(config.agentId(), config.targetName(), pid, alive, supervisor.current().isPresent(),
                relay.address().getPort());
    }

    /** Idempotent; safe from a shutdown hook. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("agent stopping agentId={}", config.agentId());
        http.close();
        relay.close();
        supervisor.close();
        log.info("agent stopped agentId={}", config.agentId());
    }
}
