package io.debuggate.agent;

import io.debuggate.agent.dlv.DeadManSwitch;
import io.debuggate.agent.dlv.DlvSettings;
import io.debuggate.agent.protocol.OrderTokenVerifier;
import io.debuggate.agent.target.PidSource;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything an agent needs, checked when built: a bad value fails at start-up with a message
 * that quotes it and names the fix.
 *
 * @param listenHost         address of the HTTP server and the dlv relay (the gateway must reach it)
 * @param listenPort         HTTP port (0 = any free port, for tests)
 * @param relayPort          dlv relay port (0 = any free port)
 * @param pprofBase          the target's pprof listener; loopback only, e.g. {@code http://127.0.0.1:6060}
 * @param maxProfileDuration longest {@code seconds=} a pprof request may ask for
 * @param deadManTimeout     while dlv is attached, how long the agent waits for a gateway heartbeat before it
 *                           tears the session down itself (default 10 s; 1 s to 1 h)
 */
public record AgentConfig(String agentId, String listenHost, int listenPort, int relayPort, String targetName,
                          URI pprofBase, PidSource pidSource, DlvSettings dlv, PublicKey gatewayPublicKey,
                          Duration maxTokenTtl, Duration clockSkew, Duration maxProfileDuration,
                          Duration relayPrefaceTimeout, Clock clock, Duration deadManTimeout) {

    public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";
    public static final int DEFAULT_LISTEN_PORT = 7070;
    public static final int DEFAULT_RELAY_PORT = 7071;
    public static final Duration DEFAULT_MAX_PROFILE_DURATION = Duration.ofSeconds(120);
    public static final Duration DEFAULT_RELAY_PREFACE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Long enough to ride out a gateway GC pause or a lost heartbeat or two (the gateway sends one
     * every few seconds), short enough that a crashed gateway leaves production halted only briefly.
     */
    public static final Duration DEFAULT_DEAD_MAN_TIMEOUT = DeadManSwitch.DEFAULT_TIMEOUT;
    static final Duration MIN_DEAD_MAN_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_DEAD_MAN_TIMEOUT = Duration.ofHours(1);

    public AgentConfig {
        ConfigChecks.requireName("agent id", agentId, "--agent-id=node-7");
        ConfigChecks.requireName("target name", targetName, "--target=payment-svc/demo-0");
        ConfigChecks.requirePort("listen port", listenPort);
        ConfigChecks.requirePort("relay port", relayPort);
        if (listenPort != 0 && listenPort == relayPort) {
            throw new IllegalArgumentException("listen port and relay port are both " + listenPort + ": give them different ports");
        }
        checkPprofBase(pprofBase);
        Objects.requireNonNull(pidSource, "pidSource: give --target-pid=PID or --target-pidfile=PATH");
        Objects.requireNonNull(dlv, "dlv");
        Objects.requireNonNull(gatewayPublicKey, "gatewayPublicKey: give --gateway-public-key=PATH");
        ConfigChecks.requirePositive("max profile duration", maxProfileDuration);
        ConfigChecks.requirePositive("relay preface timeout", relayPrefaceTimeout);
        Objects.requireNonNull(clock, "clock");
        if (deadManTimeout == null || deadManTimeout.compareTo(MIN_DEAD_MAN_TIMEOUT) < 0
                || deadManTimeout.compareTo(MAX_DEAD_MAN_TIMEOUT) > 0) {
            throw new IllegalArgumentException("dead-man timeout " + deadManTimeout + " must be between "
                    + MIN_DEAD_MAN_TIMEOUT + " and " + MAX_DEAD_MAN_TIMEOUT + ", e.g. --dead-man-timeout=10s");
        }
        OrderTokenVerifier.builder().maxTtl(maxTokenTtl).clockSkew(clockSkew); // same checks as the verifier
    }

    public static Builder builder() {
        return new Builder();
    }

    OrderTokenVerifier verifier() {
        return OrderTokenVerifier.builder().publicKey(gatewayPublicKey).audience(agentId).target(targetName)
                .clock(clock).maxTtl(maxTokenTtl).clockSkew(clockSkew).build();
    }

    /** pprof hands out memory contents: the agent only talks to it over loopback. */
    private static void checkPprofBase(@Nullable URI base) {
        String fix = ": give the target's loopback pprof listener, e.g. --pprof-url=http://127.0.0.1:6060";
        if (base == null || !"http".equals(base.getScheme()) || base.getHost() == null
                || (base.getRawPath() != null && !base.getRawPath().isEmpty() && !base.getRawPath().equals("/"))
                || base.getRawQuery() != null || base.getRawUserInfo() != null) {
            throw new IllegalArgumentException("pprof URL \"" + base + "\" must be http://HOST:PORT without path" + fix);
        }
        try {
            if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("pprof URL \"" + base + "\" is not on loopback" + fix);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("pprof URL \"" + base + "\" has an unknown host" + fix, e);
        }
    }

    /** Named defaults; required: agentId, targetName, pprofBase, pidSource, dlv, gatewayPublicKey. */
    public static final class Builder {
        private @Nullable String agentId;
        private String listenHost = DEFAULT_LISTEN_HOST;
        private int listenPort = DEFAULT_LISTEN_PORT;
        private int relayPort = DEFAULT_RELAY_PORT;
        private @Nullable String targetName;
        private @Nullable URI pprofBase;
        private @Nullable PidSource pidSource;
        private @Nullable DlvSettings dlv;
        private @Nullable PublicKey gatewayPublicKey;
        private Duration maxTokenTtl = OrderTokenVerifier.DEFAULT_MAX_TTL;
        private Duration clockSkew = OrderTokenVerifier.DEFAULT_CLOCK_SKEW;
        private Duration maxProfileDuration = DEFAULT_MAX_PROFILE_DURATION;
        private Duration relayPrefaceTimeout = DEFAULT_RELAY_PREFACE_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private Duration deadManTimeout = DEFAULT_DEAD_MAN_TIMEOUT;

        public Builder agentId(String v) { agentId = v; return this; }
        public Builder listenHost(String v) { listenHost = v; return this; }
        public Builder listenPort(int v) { listenPort = v; return this; }
        public Builder relayPort(int v) { relayPort = v; return this; }
        public Builder targetName(String v) { targetName = v; return this; }
        public Builder pprofBase(URI v) { pprofBase = v; return this; }
        public Builder pidSource(PidSource v) { pidSource = v; return this; }
        public Builder dlv(DlvSettings v) { dlv = v; return this; }
        public Builder gatewayPublicKey(PublicKey v) { gatewayPublicKey = v; return this; }
        public Builder maxTokenTtl(Duration v) { maxTokenTtl = v; return this; }
        public Builder clockSkew(Duration v) { clockSkew = v; return this; }
        public Builder maxProfileDuration(Duration v) { maxProfileDuration = v; return this; }
        public Builder relayPrefaceTimeout(Duration v) { relayPrefaceTimeout = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder deadManTimeout(Duration v) { deadManTimeout = v; return this; }

        public AgentConfig build() {
            return new AgentConfig(agentId, listenHost, listenPort, relayPort, targetName, pprofBase, pidSource, dlv,
                    gatewayPublicKey, maxTokenTtl, clockSkew, maxProfileDuration, relayPrefaceTimeout, clock,
                    deadManTimeout);
        }
    }
}
