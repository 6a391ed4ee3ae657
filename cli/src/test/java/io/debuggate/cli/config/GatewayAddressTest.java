package io.debuggate.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.cli.DgateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayAddressTest {

    @Test
    void spellingsOfOneGatewayShareOneKey() {
        assertThat(GatewayAddress.parse("HTTP://127.0.0.1:8080/").toString()).isEqualTo("http://127.0.0.1:8080");
        assertThat(GatewayAddress.parse(" https://Debuggate.Example.com ").toString()).isEqualTo("https://debuggate.example.com");
    }

    @Test
    void tunnelsUseTheWebSocketSchemeOfTheGateway() {
        assertThat(GatewayAddress.parse("http://127.0.0.1:8080").resolveWebSocket("/api/sessions/dr-1/tunnel/dlv"))
                .hasToString("ws://127.0.0.1:8080/api/sessions/dr-1/tunnel/dlv");
        assertThat(GatewayAddress.parse("https://gw.example.com").resolveWebSocket("/x")).hasToString("wss://gw.example.com/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8080", "ftp://gw", "http://", "http://gw:8080/api", "http://gw?x=1", "http://user@gw", "not a url"})
    void badGatewayUrlsAreRefusedWithTheFix(String url) {
        assertThatThrownBy(() -> GatewayAddress.parse(url))
                .isInstanceOf(DgateException.class)
                .hasMessageContaining("'" + url + "'")
                .hasMessageContaining("--gateway");
    }
}
