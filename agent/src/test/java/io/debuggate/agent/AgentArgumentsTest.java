package io.debuggate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.target.PidSource;
import io.debuggate.agent.testsupport.GoTestBed;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentArgumentsTest {

    @TempDir
    Path dir;
    private Path keyFile;
    private final KeyPair keys = Ed25519Keys.generate();

    @BeforeEach
    void writeKey() throws Exception {
        keyFile = dir.resolve("gateway.pub.pem");
        Ed25519Keys.writePublicKey(keyFile, keys.getPublic());
    }

    private List<String> required(String... more) {
        List<String> args = new ArrayList<>(List.of("--agent-id=node-7", "--target=payment-svc/demo-0",
                "--pprof-url=http://127.0.0.1:6060", "--target-pid=4242", "--gateway-public-key=" + keyFile,
                "--dlv=" + GoTestBed.dlvPath()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void argumentsWithDefaults() {
        AgentConfig config = AgentArguments.parse(required(), Map.of());
        assertThat(config.agentId()).isEqualTo("node-7");
        assertThat(config.listenHost()).isEqualTo("127.0.0.1");
        assertThat(config.listenPort()).isEqualTo(7070);
        assertThat(config.relayPort()).isEqualTo(7071);
        assertThat(config.pidSource()).isEqualTo(PidSource.fixed(4242));
        assertThat(config.gatewayPublicKey()).isEqualTo(keys.getPublic());
    }

    @Test
    void environmentFillsInAndArgumentsWin() {
        Map<String, String> env = Map.of("DGATE_LISTEN", "10.0.0.5:9090", "DGATE_RELAY_PORT", "9091",
                "DGATE_AGENT_ID", "from-env");
        AgentConfig config = AgentArguments.parse(required(), env);
        assertThat(config.agentId()).isEqualTo("node-7");
        assertThat(config.listenHost()).isEqualTo("10.0.0.5");
        assertThat(config.listenPort()).isEqualTo(9090);
        assertThat(config.relayPort()).isEqualTo(9091);
    }

    @Test
    void badArgumentsAreRefusedQuotingTheValue() {
        assertThatThrownBy(() -> AgentArguments.parse(required("--verbose"), Map.of()))
                .hasMessageContaining("unknown or incomplete argument \"--verbose\"").hasMessageContaining("usage:");
        assertThatThrownBy(() -> AgentArguments.parse(required("--exec=./svc"), Map.of()))
                .hasMessageContaining("\"--exec=./svc\"");
        assertThatThrownBy(() -> AgentArguments.parse(required("--pprof-url=http://10.1.2.3:6060"), Map.of()))
                .hasMessageContaining("\"http://10.1.2.3:6060\" is not on loopback");
        assertThatThrownBy(() -> AgentArguments.parse(required("--pprof-url=http://127.0.0.1:6060/debug"), Map.of()))
                .hasMessageContaining("without path");
        assertThatThrownBy(() -> AgentArguments.parse(required("--target-pidfile=/run/svc.pid"), Map.of()))
                .hasMessageContaining("exactly one of --target-pid=PID or --target-pidfile=PATH (got both)");
        assertThatThrownBy(() -> AgentArguments.parse(required("--listen=7070"), Map.of()))
                .hasMessageContaining("--listen=\"7070\" must be HOST:PORT");
        assertThatThrownBy(() -> AgentArguments.parse(required("--relay-port=70000"), Map.of()))
                .hasMessageContaining("relay port 70000 is not a TCP port");
        assertThatThrownBy(() -> AgentArguments.parse(required("--agent-id=node 7"), Map.of()))
                .hasMessageContaining("agent id \"node 7\" is invalid");
        assertThatThrownBy(() -> AgentArguments.parse(required("--gateway-public-key=" + dir.resolve("nope.pem")), Map.of()))
                .hasMessageContaining("nope.pem");
        assertThatThrownBy(() -> AgentArguments.parse(List.of("--agent-id=node-7"), Map.of()))
                .hasMessageContaining("--target is required (or DGATE_TARGET)");
    }

    @Test
    void builderRefusesClashingPortsAndMissingKey() {
        AgentConfig.Builder builder = AgentConfig.builder().agentId("a").targetName("t")
                .pprofBase(URI.create("http://localhost:6060")).pidSource(PidSource.fixed(42))
                .dlv(io.debuggate.agent.dlv.DlvSettings.of(GoTestBed.dlvPath()));
        assertThatThrownBy(builder::build).hasMessageContaining("gatewayPublicKey");
        builder.gatewayPublicKey(keys.getPublic());
        assertThat(builder.build().pprofBase()).hasToString("http://localhost:6060");
        assertThatThrownBy(() -> builder.listenPort(7000).relayPort(7000).build()).hasMessageContaining("both 7000");
    }

    @Test
    void deadManTimeoutDefaultsToTenSecondsAndTakesReadableDurations() {
        assertThat(AgentArguments.parse(required(), Map.of()).deadManTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(AgentArguments.parse(required("--dead-man-timeout=30s"), Map.of()).deadManTimeout())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(AgentArguments.parse(required("--dead-man-timeout=1500ms"), Map.of()).deadManTimeout())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(AgentArguments.parse(required(), Map.of("DGATE_DEAD_MAN_TIMEOUT", "PT2M")).deadManTimeout())
                .isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> AgentArguments.parse(required("--dead-man-timeout=soon"), Map.of()))
                .hasMessageContaining("--dead-man-timeout=\"soon\" is not a duration: write e.g. 10s");
        assertThatThrownBy(() -> AgentArguments.parse(required("--dead-man-timeout=200ms"), Map.of()))
                .hasMessageContaining("dead-man timeout PT0.2S must be between PT1S and PT1H");
        assertThat(AgentArguments.USAGE).contains("[--dead-man-timeout=10s]").contains("DGATE_DEAD_MAN_TIMEOUT");
    }
}
