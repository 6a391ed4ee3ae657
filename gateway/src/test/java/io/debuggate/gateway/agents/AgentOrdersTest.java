package io.debuggate.gateway.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.protocol.OrderTokenSigner;
import io.debuggate.agent.protocol.OrderTokenVerifier;
import io.debuggate.agent.protocol.SignedOrder;
import io.debuggate.audit.testsupport.MutableClock;
import io.debuggate.gateway.targets.Target;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentOrdersTest {

    private final KeyPair keys = Ed25519Keys.generate();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AgentOrders orders = new AgentOrders(new OrderTokenSigner(keys.getPrivate()),
            new AgentsProperties(null, Duration.ofSeconds(30), "debuggate-gateway"), clock);
    private final Target target = new Target("payment-svc", "demo-0", "node-7", URI.create("http://127.0.0.1:7070"));

    @Test
    void repeatedFetchesShareOneSignedOrderForTheFirstHalfOfItsLifetime() {
        SignedOrder first = orders.pprofOrder(target, "sess-1", "alice");
        clock.advance(Duration.ofSeconds(14));
        assertThat(orders.pprofOrder(target, "sess-1", "alice")).isSameAs(first);

        clock.advance(Duration.ofSeconds(1));
        SignedOrder renewed = orders.pprofOrder(target, "sess-1", "alice");
        assertThat(renewed.compact()).isNotEqualTo(first.compact());
        assertThat(renewed.order().issuedAt()).isEqualTo(clock.instant());
    }

    @Test
    void eachSessionAndUserGetsItsOwnOrder() {
        SignedOrder alice = orders.pprofOrder(target, "sess-1", "alice");
        assertThat(orders.pprofOrder(target, "sess-1", "bob").order().user()).isEqualTo("bob");
        assertThat(orders.pprofOrder(target, "sess-2", "alice").order().sessionId()).isEqualTo("sess-2");
        assertThat(orders.pprofOrder(target, "sess-1", "alice")).isSameAs(alice);
        assertThat(alice.order().tool()).isEqualTo(DebugTool.PPROF);
    }

    @Test
    void aReusedOrderStillHasAtLeastHalfItsLifetimeLeftAtTheAgent() throws Exception {
        OrderTokenVerifier agent = OrderTokenVerifier.builder().publicKey(keys.getPublic()).audience("node-7")
                .target("payment-svc/demo-0").clock(clock).clockSkew(Duration.ZERO).build();
        SignedOrder order = orders.pprofOrder(target, "sess-1", "alice");
        clock.advance(Duration.ofSeconds(14));
        SignedOrder reused = orders.pprofOrder(target, "sess-1", "alice");
        assertThat(reused).isSameAs(order);
        clock.advance(Duration.ofSeconds(15));
        assertThat(agent.verify(reused.compact(), Set.of(DebugTool.PPROF))).isEqualTo(order.order());
    }
}
