package io.debuggate.agent.demo;

import io.debuggate.agent.AgentConfig;
import io.debuggate.agent.ConfigChecks;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the demo target needs, checked when built (long before the Go build): a bad value fails
 * with a message that quotes it and names the fix.
 *
 * @param gatewayPublicKey the gateway's Ed25519 key: the demo agent obeys only orders it signed
 * @param agentHost        where the agent's HTTP API and dlv relay listen (the gateway must reach it)
 * @param agentPort        agent HTTP port (0 = any free port)
 * @param relayPort        agent dlv relay port (0 = any free port)
 * @param testBed          the test bed's listeners and API key
 * @param sourceDir        the test bed sources; null = find {@code deploy/testbed} above the working directory
 * @param buildDir         where the binary is built (and reused while newer than the sources)
 * @param buildTimeout     longest a {@code go build} may take
 * @param dlvPath          the dlv executable; null = look it up on PATH
 * @param deadManTimeout   the demo agent's dead-man timeout: the gateway must heartbeat within it while dlv is attached
 */
public record DemoTargetConfig(PublicKey gatewayPublicKey, String agentId, String targetName, String agentHost,
                               int agentPort, int relayPort, GoTestBedOptions testBed, @Nullable Path sourceDir,
                               Path buildDir, Duration buildTimeout, @Nullable Path dlvPath, Duration deadManTimeout) {

    public static final String DEFAULT_AGENT_ID = "demo-agent";
    public static final String DEFAULT_TARGET_NAME = "payment-svc/demo-0";
    public static final String DEFAULT_AGENT_HOST = "127.0.0.1";
    /** Per user and outside {@code /tmp}, so no other local user can swap the binary the gateway runs. */
    public static final Path DEFAULT_BUILD_DIR = Path.of(System.getProperty("user.home"), ".cache", "debuggate", "testbed");

    public DemoTargetConfig {
        Objects.requireNonNull(gatewayPublicKey, "gatewayPublicKey: the demo agent needs the gateway's public key");
        if (!"Ed25519".equals(gatewayPublicKey.getAlgorithm()) && !"EdDSA".equals(gatewayPublicKey.getAlgorithm())) {
            throw new IllegalArgumentException("gateway public key algorithm \"" + gatewayPublicKey.getAlgorithm()
                    + "\" is not Ed25519: give the gateway's order-signing key (Ed25519Keys.generate())");
        }
        ConfigChecks.requireName("demo agent id", agentId, DEFAULT_AGENT_ID);
        ConfigChecks.requireName("demo target name", targetName, DEFAULT_TARGET_NAME);
        if (agentHost == null || agentHost.isBlank()) {
            throw new IllegalArgumentException("demo agent host \"" + agentHost + "\" is empty: give an address such as "
                    + DEFAULT_AGENT_HOST);
        }
        ConfigChecks.requirePort("demo agent port", agentPort);
        ConfigChecks.requirePort("demo relay port", relayPort);
        if (agentPort != 0 && agentPort == relayPort) {
            throw new IllegalArgumentException("demo agent port and relay port are both " + agentPort
                    + ": give them different ports (or 0 for any free port)");
        }
        Objects.requireNonNull(testBed, "testBed: use GoTestBedOptions.onFreePorts()");
        Objects.requireNonNull(buildDir, "buildDir: give a writable directory for the test bed binary");
        ConfigChecks.requirePositive("test bed build timeout", buildTimeout);
        ConfigChecks.requirePositive("demo agent dead-man timeout", deadManTimeout);
    }

    /** @param gatewayPublicKey the only required value; everything else has a default */
    public static Builder builder(PublicKey gatewayPublicKey) {
        return new Builder(gatewayPublicKey);
    }

    /** Defaults: agent {@value #DEFAULT_AGENT_ID} for {@value #DEFAULT_TARGET_NAME}, free loopback ports. */
    public static final class Builder {
        private final PublicKey gatewayPublicKey;
        private String agentId = DEFAULT_AGENT_ID;
        private String targetName = DEFAULT_TARGET_NAME;
        private String agentHost = DEFAULT_AGENT_HOST;
        private int agentPort;
        private int relayPort;
        private GoTestBedOptions testBed = GoTestBedOptions.onFreePorts();
        private @Nullable Path sourceDir;
        private Path buildDir = DEFAULT_BUILD_DIR;
        private Duration buildTimeout = GoTestBedBuild.DEFAULT_TIMEOUT;
        private @Nullable Path dlvPath;
        private Duration deadManTimeout = AgentConfig.DEFAULT_DEAD_MAN_TIMEOUT;

        private Builder(PublicKey gatewayPublicKey) {
            this.gatewayPublicKey = gatewayPublicKey;
        }

        public Builder agentId(String v) { agentId = v; return this; }
        public Builder targetName(String v) { targetName = v; return this; }
        public Builder agentHost(String v) { agentHost = v; return this; }
        public Builder agentPort(int v) { agentPort = v; return this; }
        public Builder relayPort(int v) { relayPort = v; return this; }
        public Builder testBed(GoTestBedOptions v) { testBed = v; return this; }
        public Builder sourceDir(@Nullable Path v) { sourceDir = v; return this; }
        public Builder buildDir(Path v) { buildDir = v; return this; }
        public Builder buildTimeout(Duration v) { buildTimeout = v; return this; }
        public Builder dlvPath(@Nullable Path v) { dlvPath = v; return this; }
        public Builder deadManTimeout(Duration v) { deadManTimeout = v; return this; }

        public DemoTargetConfig build() {
            return new DemoTargetConfig(gatewayPublicKey, agentId, targetName, agentHost, agentPort, relayPort, testBed,
                    sourceDir, buildDir, buildTimeout, dlvPath, deadManTimeout);
        }
    }
}
