package io.debuggate.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.agent.testsupport.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderTokenTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00.750Z"));

    @Test
    void issuedOrdersHaveWholeSecondsAndFreshNonces() {
        OrderToken a = OrderToken.issue("gw", "node-7", "svc/0", "s1", "alice", DebugTool.DLV, clock, Duration.ofMinutes(1));
        OrderToken b = a.renewed(clock, Duration.ofMinutes(1));
        assertThat(a.issuedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(a.ttl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(b.nonce()).isNotEqualTo(a.nonce()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(b).usingRecursiveComparison().ignoringFields("nonce").isEqualTo(a);
    }

    @Test
    void blankFieldsAndBackwardTimesAreRefused() {
        Instant t = clock.instant();
        assertThatThrownBy(() -> new OrderToken("gw", "node-7", "svc/0", "s1", " ", DebugTool.DLV, t, t.plusSeconds(9), "n"))
                .hasMessageContaining("user must not be blank");
        assertThatThrownBy(() -> new OrderToken("gw", "node-7", "svc/0", "s1", "alice", DebugTool.DLV, t, t, "n"))
                .hasMessageContaining("must be after issuedAt");
    }

    @Test
    void toolNamesAreExactLowerCase() {
        assertThat(DebugTool.fromWireName("dap")).isEqualTo(DebugTool.DAP);
        assertThatThrownBy(() -> DebugTool.fromWireName("DLV")).hasMessageContaining("unknown tool \"DLV\"")
                .hasMessageContaining("[pprof, dlv, dap]");
    }

    @Test
    void relayPrefaceCarriesOnlyAPrintableToken() {
        assertThat(new String(RelayPreface.request("abc.def"))).isEqualTo("DGATE-RELAY/1 abc.def\n");
        assertThat(RelayPreface.tokenOf("DGATE-RELAY/1 abc.def")).contains("abc.def");
        assertThat(RelayPreface.tokenOf("DGATE-RELAY/1 ")).isEmpty();
        assertThat(RelayPreface.tokenOf("DGATE-RELAY/2 abc.def")).isEmpty();
        assertThat(RelayPreface.tokenOf("DGATE-RELAY/1 abc def")).isEmpty();
        assertThat(RelayPreface.tokenOf("{\"method\":\"RPCServer.State\"}")).isEmpty();
        assertThat(new String(RelayPreface.error("bad\nthing é"))).isEqualTo("ERR bad?thing ?\n");
    }
}
