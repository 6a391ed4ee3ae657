package io.debuggate.agent.demo;

import io.debuggate.agent.Agent;
import io.debuggate.agent.AgentConfig;
import io.debuggate.agent.dlv.DlvSettings;
import io.debuggate.agent.target.PidSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo target {@code payment-svc/demo-0} inside the gateway's JVM: the Go test bed as a child
 * process plus an in-process agent bound to it, obeying only orders signed with the gateway's key.
 * {@link #close()} stops the agent first (it SIGTERMs any dlv, which detaches and leaves the test
 * bed running) and the test bed after; {@link DemoProcessReaper} does the same on JVM shutdown.
 *
 * <pre>{@code
 * try {
 *     demo = DemoTarget.start(DemoTargetConfig.builder(gatewayPublicKey).build());
 *     registry.register(demo.targetName(), demo.agentId(), demo.agentBaseUri());
 * } catch (DemoUnavailableException e) {
 *     log.warn("demo target disabled: {}", e.getMessage());
 * }
 * }</pre>
 */
public final class DemoTarget implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoTarget.class);

    private final GoTestBedProcess testBed;
    private final Agent agent;
    private boolean closed;

    private DemoTarget(GoTestBedProcess testBed, Agent agent) {
        this.testBed = testBed;
        this.agent = agent;
    }

    /**
     * Builds the test bed if its binary is stale (logged: 10-20 s the first time), starts it and
     * the agent.
     *
     * @throws DemoUnavailableException when go, dlv or the sources are missing, the build fails or
     *                                  a process cannot start (a port in use, say); nothing is left running
     */
    public static DemoTarget start(DemoTargetConfig config) {
        Path dlv = resolveDlv(config);
        Path source = GoTestBedBuild.locateSources(config.sourceDir());
        log.info("demo target starting target={} agentId={} source={}", config.targetName(), config.agentId(), source);
        Path binary = GoTestBedBuild.build(source, config.buildDir(), config.buildTimeout());
        GoTestBedProcess testBed = GoTestBedProcess.start(binary, config.testBed());
        Agent agent;
        try {
            agent = Agent.start(agentBeside(testBed, dlv).agentId(config.agentId()).targetName(config.targetName())
                    .listenHost(config.agentHost()).listenPort(config.agentPort()).relayPort(config.relayPort())
                    .gatewayPublicKey(config.gatewayPublicKey()).deadManTimeout(config.deadManTimeout()).build());
        } catch (IOException | RuntimeException e) {
            testBed.close();
            throw new DemoUnavailableException("cannot start the demo agent: " + e.getMessage(), e);
        }
        DemoTarget demo = new DemoTarget(testBed, agent);
        DemoProcessReaper.register(demo);
        log.info("demo target ready target={} agentId={} agent={} relay={} testBedPid={} testBed={} pprof={}",
                demo.targetName(), demo.agentId(), demo.agentBaseUri(), agent.relayAddress(), testBed.pid(),
                testBed.baseUri(), testBed.pprofBaseUri());
        return demo;
    }

    /**
     * An agent configuration bound to a running test bed: its pprof listener and pid, the given
     * dlv, loopback on free ports, target {@value DemoTargetConfig#DEFAULT_TARGET_NAME}. The
     * caller adds the agent id and the gateway key.
     */
    public static AgentConfig.Builder agentBeside(GoTestBedProcess testBed, Path dlv) {
        return AgentConfig.builder().listenHost(DemoTargetConfig.DEFAULT_AGENT_HOST).listenPort(0).relayPort(0)
                .targetName(DemoTargetConfig.DEFAULT_TARGET_NAME).pprofBase(testBed.pprofBaseUri())
                .pidSource(PidSource.fixed(testBed.pid())).dlv(DlvSettings.of(dlv));
    }

    /** {@code http://HOST:PORT} of the agent's HTTP API, for an {@code AgentClient}. */
    public URI agentBaseUri() {
        return agent.baseUri();
    }

    public InetSocketAddress agentRelayAddress() {
        return agent.relayAddress();
    }

    public String agentId() {
        return agent.config().agentId();
    }

    public String targetName() {
        return agent.config().targetName();
    }

    public long testBedPid() {
        return testBed.pid();
    }

    /** {@code http://127.0.0.1:PORT} of the test bed's public listener (/pay, /admin/…), to make it misbehave. */
    public URI testBedBaseUri() {
        return testBed.baseUri();
    }

    public URI testBedPprofUri() {
        return testBed.pprofBaseUri();
    }

    public Agent agent() {
        return agent;
    }

    /** Agent first (SIGTERM to any dlv, never SIGKILL), then the test bed. Idempotent, safe from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("demo target stopping target={} agentId={} testBedPid={}", targetName(), agentId(), testBed.pid());
        try {
            agent.close();
        } finally {
            testBed.close();
            DemoProcessReaper.unregister(this);
        }
        log.info("demo target stopped target={}", targetName());
    }

    private static Path resolveDlv(DemoTargetConfig config) {
        Path configured = config.dlvPath();
        if (configured == null) {
            return Executables.dlv();
        }
        if (!Files.isExecutable(configured)) {
            throw new DemoUnavailableException("dlv \"" + configured + "\" is not an executable file: install Delve ("
                    + Executables.DLV_INSTALL + ") or configure its path");
        }
        return configured;
    }
}
