package io.debuggate.agent;

import io.debuggate.agent.dlv.BeforeDlvStop;
import io.debuggate.agent.dlv.DeadManSwitch;
import io.debuggate.agent.dlv.DlvAttachment;
import io.debuggate.agent.dlv.DlvRelayServer;
import io.debuggate.agent.dlv.DlvSupervisor;
import io.debuggate.agent.dlv.TeardownBeforeDlvStop;
import io.debuggate.agent.http.AgentHttpServer;
import io.debuggate.agent.protocol.AgentHealth;
import io.debuggate.agent.protocol.OrderTokenVerifier;
import io.debuggate.agent.protocol.TargetMetrics;
import io.debuggate.agent.target.CpuSampler;
import io.debuggate.agent.target.CpuUsage;
import io.debuggate.agent.target.ProcStatus;
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
 * then runs the teardown sequence and stops dlv with SIGTERM and waits, so the target is left
 * running and untraced. While dlv is attached, a {@link DeadManSwitch} does the same when the
 * gateway's heartbeats stop for {@link AgentConfig#deadManTimeout()}.
 */
public final class Agent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final DlvSupervisor supervisor;
    private final DlvRelayServer relay;
    private final AgentHttpServer http;
    private final DeadManSwitch deadMan;
    private final CpuSampler cpuSampler = new CpuSampler();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Agent(AgentConfig config, BeforeDlvStop beforeDlvStop) throws IOException {
        this.config = config;
        OrderTokenVerifier verifier = config.verifier();
        this.supervisor = new DlvSupervisor(config.dlv(), config.pidSource(), beforeDlvStop, config.clock());
        this.relay = new DlvRelayServer(new InetSocketAddress(config.listenHost(), config.relayPort()), verifier,
                supervisor::current, config.relayPrefaceTimeout());
        this.deadMan = new DeadManSwitch(config.deadManTimeout(), config.clock(), supervisor::current, this::gatewayLost);
        try {
            this.http = new AgentHttpServer(new InetSocketAddress(config.listenHost(), config.listenPort()), verifier,
                    config.pprofBase(), config.maxProfileDuration(), supervisor, () -> relay.address().getPort(),
                    this::health, deadMan);
        } catch (IOException e) {
            relay.close();
            throw new IOException("cannot listen on " + config.listenHost() + ":" + config.listenPort() + " (" + e.getMessage()
                    + "): is another agent running? choose another --listen", e);
        }
        http.serveMetrics(this::metrics);
        deadMan.start();
        log.info("agent started agentId={} target={} http={} relay={} pprof={} pid={} deadManTimeoutMillis={}",
                config.agentId(), config.targetName(), http.address(), relay.address(), config.pprofBase(),
                config.pidSource(), config.deadManTimeout().toMillis());
    }

    /** Before each SIGTERM to dlv the agent runs the teardown sequence ({@link TeardownBeforeDlvStop}). */
    public static Agent start(AgentConfig config) throws IOException {
        return start(config, new TeardownBeforeDlvStop());
    }

    /** @param beforeDlvStop run against dlv before each SIGTERM, instead of the teardown sequence (tests) */
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

    public DeadManSwitch deadManSwitch() {
        return deadMan;
    }

    /** The dead-man switch fired: the gateway's sessions are orphaned, so cut them, then tear down. */
    private void gatewayLost(String why) {
        relay.closeConnections();
        supervisor.stop(why);
    }

    public AgentHealth health() {
        @Nullable Long pid;
        try {
            pid = config.pidSource().resolve();
        } catch (TargetUnavailableException e) {
            pid = null;
        }
        boolean alive = pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        java.util.Optional<ProcStatus> status = pid == null ? java.util.Optional.empty() : ProcStatus.read(pid);
        return new AgentHealth(config.agentId(), config.targetName(), pid, alive, supervisor.current().isPresent(),
                relay.address().getPort(), status.map(ProcStatus::state).orElse(null),
                status.map(ProcStatus::traced).orElse(false));
    }

    /** The target's CPU counter now, for the gateway's health breakers ({@code GET /v1/metrics}). */
    public TargetMetrics metrics() throws TargetUnavailableException {
        CpuUsage cpu = cpuSampler.read(config.pidSource().resolve());
        return new TargetMetrics(config.agentId(), config.targetName(), cpu.pid(), cpu.cpuSeconds(), cpu.cores(),
                cpu.readAtNanos());
    }

    /** Idempotent; safe from a shutdown hook. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("agent stopping agentId={}", config.agentId());
        deadMan.close();
        http.close();
        relay.close();
        supervisor.close();
        log.info("agent stopped agentId={}", config.agentId());
    }
}
