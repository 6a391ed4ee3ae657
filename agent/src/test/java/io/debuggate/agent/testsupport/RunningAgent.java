package io.debuggate.agent.testsupport;

import io.debuggate.agent.Agent;
import io.debuggate.agent.AgentConfig;
import io.debuggate.agent.client.AgentClient;
import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.agent.demo.DemoTargetConfig;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.OrderTokenSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real agent, in this JVM, beside a {@link GoTestBed}: free loopback ports, a fresh Ed25519
 * gateway key pair (the public half read back from a PEM file, as the agent process does),
 * the real {@code dlv}. {@link #close()} stops it the way the agent process stops on SIGTERM:
 * dlv gets SIGTERM and the test bed keeps running.
 */
public final class RunningAgent implements AutoCloseable {

    public static final String ISSUER = "debuggate-gateway";
    public static final String TARGET = DemoTargetConfig.DEFAULT_TARGET_NAME;
    public static final String USER = "alice";
    public static final Duration ORDER_TTL = Duration.ofMinutes(2);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final GoTestBed bed;
    private final KeyPair gatewayKeys;
    private final OrderTokenSigner signer;
    private final Agent agent;
    private final AgentClient client;

    private RunningAgent(GoTestBed bed, KeyPair gatewayKeys, Agent agent) {
        this.bed = bed;
        this.gatewayKeys = gatewayKeys;
        this.signer = new OrderTokenSigner(gatewayKeys.getPrivate());
        this.agent = agent;
        this.client = new AgentClient(agent.baseUri(), signer);
    }

    public static RunningAgent start(GoTestBed bed) {
        return start(bed, builder -> { });
    }

    /** @param customize adjusts the configuration (e.g. a fake clock) before the agent starts */
    public static RunningAgent start(GoTestBed bed, Consumer<AgentConfig.Builder> customize) {
        KeyPair keys = Ed25519Keys.generate();
        try {
            Path keyFile = Files.createTempFile("gateway-", ".pub.pem");
            Ed25519Keys.writePublicKey(keyFile, keys.getPublic());
            AgentConfig.Builder builder = DemoTarget.agentBeside(bed.process(), GoTestBed.dlvPath())
                    .agentId("agent-test-" + COUNTER.incrementAndGet())
                    .gatewayPublicKey(Ed25519Keys.readPublicKey(keyFile));
            Files.delete(keyFile);
            customize.accept(builder);
            return new RunningAgent(bed, keys, Agent.start(builder.build()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the agent", e);
        }
    }

    /** An order for this agent and target, for {@link #USER}, valid {@link #ORDER_TTL} from now, fresh nonce. */
    public OrderToken order(DebugTool tool) {
        return order(tool, USER);
    }

    public OrderToken order(DebugTool tool, String user) {
        return OrderToken.issue(ISSUER, agentId(), TARGET, "sess-" + UUID.randomUUID(), user, tool, Clock.systemUTC(), ORDER_TTL);
    }

    public Agent agent() {
        return agent;
    }

    public GoTestBed bed() {
        return bed;
    }

    public String agentId() {
        return agent.config().agentId();
    }

    public URI baseUri() {
        return agent.baseUri();
    }

    public KeyPair gatewayKeys() {
        return gatewayKeys;
    }

    public OrderTokenSigner signer() {
        return signer;
    }

    public AgentClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        agent.close();
    }
}
