package io.debuggate.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.agent.protocol.Ed25519Keys;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad demo settings fail when the configuration is built, long before a 20 s Go build. */
class DemoTargetConfigTest {

    private final PublicKey key = Ed25519Keys.generate().getPublic();

    @Test
    void defaultsServePaymentSvcDemo0OnFreeLoopbackPorts() {
        DemoTargetConfig config = DemoTargetConfig.builder(key).build();
        assertThat(config.agentId()).isEqualTo("demo-agent");
        assertThat(config.targetName()).isEqualTo("payment-svc/demo-0");
        assertThat(config.agentHost()).isEqualTo("127.0.0.1");
        assertThat(config.agentPort()).isZero();
        assertThat(config.relayPort()).isZero();
        assertThat(config.testBed()).isEqualTo(GoTestBedOptions.onFreePorts());
        assertThat(config.sourceDir()).isNull();
        assertThat(config.buildDir()).isEqualTo(java.nio.file.Path.of(System.getProperty("user.home"), ".cache/debuggate/testbed"));
    }

    @Test
    void badAgentSettingsAreRefusedWithTheValueAndTheFix() {
        assertThatThrownBy(() -> DemoTargetConfig.builder(key).agentId("demo agent").build())
                .hasMessageContaining("demo agent id \"demo agent\" is invalid").hasMessageContaining("e.g. demo-agent");
        assertThatThrownBy(() -> DemoTargetConfig.builder(key).targetName("").build())
                .hasMessageContaining("demo target name \"\" is invalid");
        assertThatThrownBy(() -> DemoTargetConfig.builder(key).agentPort(70000).build())
                .hasMessageContaining("demo agent port 70000 is not a TCP port");
        assertThatThrownBy(() -> DemoTargetConfig.builder(key).agentPort(7070).relayPort(7070).build())
                .hasMessageContaining("both 7070: give them different ports");
        assertThatThrownBy(() -> DemoTargetConfig.builder(key).buildTimeout(Duration.ZERO).build())
                .hasMessageContaining("test bed build timeout PT0S must be a positive duration");
        assertThatThrownBy(() -> DemoTargetConfig.builder(key).agentHost(" ").build())
                .hasMessageContaining("demo agent host \" \" is empty");
    }

    @Test
    void onlyAnEd25519GatewayKeyIsAccepted() throws Exception {
        PublicKey rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        assertThatThrownBy(() -> DemoTargetConfig.builder(rsa).build())
                .hasMessageContaining("algorithm \"RSA\" is not Ed25519");
        assertThatThrownBy(() -> DemoTargetConfig.builder(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("gateway's public key");
    }

    @Test
    void badTestBedOptionsAreRefusedWithTheValueAndTheFix() {
        Duration ready = GoTestBedOptions.DEFAULT_READY_TIMEOUT;
        String key = GoTestBedOptions.DEMO_API_KEY;
        assertThatThrownBy(() -> new GoTestBedOptions("127.0.0.1:0", "0.0.0.0:6060", key, ready))
                .hasMessageContaining("\"0.0.0.0:6060\" is not on loopback");
        assertThatThrownBy(() -> new GoTestBedOptions("localhost", "127.0.0.1:0", key, ready))
                .hasMessageContaining("test bed address (-addr) \"localhost\" is not HOST:PORT")
                .hasMessageContaining("e.g. 127.0.0.1:0");
        assertThatThrownBy(() -> new GoTestBedOptions("127.0.0.1:0/x", "127.0.0.1:0", key, ready))
                .hasMessageContaining("\"127.0.0.1:0/x\" is not HOST:PORT");
        assertThatThrownBy(() -> GoTestBedOptions.onLoopbackPorts(65536, 0))
                .hasMessageContaining("port 65536 is not a TCP port");
        assertThatThrownBy(() -> new GoTestBedOptions("127.0.0.1:0", "127.0.0.1:0", "sk live", ready))
                .hasMessageContaining("API key \"sk live\" must be printable ASCII without spaces");
        assertThatThrownBy(() -> new GoTestBedOptions("127.0.0.1:0", "127.0.0.1:0", key, Duration.ofSeconds(-1)))
                .hasMessageContaining("ready timeout PT-1S must be a positive duration");
        assertThat(new GoTestBedOptions("0.0.0.0:8090", "localhost:6060", key, ready).pprofAddr()).isEqualTo("localhost:6060");
    }
}
