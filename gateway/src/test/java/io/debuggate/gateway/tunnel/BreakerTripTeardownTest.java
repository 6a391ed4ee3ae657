package io.debuggate.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.search.AuditSearch;
import io.debuggate.gateway.demo.DemoTargetLauncher;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.RawTunnelClient;
import io.debuggate.policies.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The teardown path the other matrix ({@link TeardownPathsTest}) cannot share a gateway with: a
 * health breaker trip. An engineer sits at a breakpoint in interactive mode; the halted service
 * stops answering its {@code /metrics}; the 5xx breaker trips on "no reading" (the window is
 * shortened to 3 s here, 30 s by default) and cuts the session. Afterwards, as on every other path,
 * the target answers HTTP within a second of the detach, is not traced, has the same pid, and the
 * teardown record says the breakpoint was cleared and the target serves.
 */
class BreakerTripTeardownTest extends GatewayIntegrationTest {

    @DynamicPropertySource
    static void shortHealthWindows(DynamicPropertyRegistry registry) {
        registry.add("debuggate.policy.file", BreakerTripTeardownTest::policyWithShortWindows);
    }

    @Autowired
    DemoTargetLauncher demo;

    @Autowired
    LiveSessions liveSessions;

    @Autowired
    DurableAuditTrail trail;

    @Autowired
    AuditSearch search;

    @Test
    void aBreakerTripWhileHaltedAtABreakpointLeavesTheTargetRunningWithNoDebugger() throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();
        DemoTarget target = demo.current().orElseThrow();
        long pid = target.testBedPid();
        String session = DlvConnectThroughGatewayTest.grantedDelveSession(gw, "interactive");
        AtomicBoolean paying = new AtomicBoolean(true);
        Thread payments = Thread.ofVirtual().start(() -> DlvConnectThroughGatewayTest.payLoop(target.testBedBaseUri(), paying));
        long haltedAt;
        String closeReason;
        try (RawTunnelClient c = RawTunnelClient.open(port, session, gw.token("alice"))) {
            TeardownPathsTest.haltAndBreakAtHandle(c);
            // the reply to continue comes when a payment reaches main.handle: from then on the service is halted
            TeardownPathsTest.continueUntilStoppedAtTheBreakpoint(c, target);
            haltedAt = System.nanoTime();
            closeReason = c.awaitClose(Duration.ofSeconds(30));
        } finally {
            paying.set(false);
            payments.join(5000);
        }
        Duration haltedFor = Duration.ofNanos(System.nanoTime() - haltedAt);
        assertThat(closeReason).startsWith("1008").contains("health breaker").contains("payment-svc/demo-0");
        assertThat(haltedFor).as("cut by the 3 s no-reading window, not by anything slower").isLessThan(Duration.ofSeconds(15));

        TeardownPathsTest.assertLeftRunningWithNoDebugger(target, pid, session, liveSessions, trail, search);
    }

    private static String policyWithShortWindows() {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("errorRate: {maxRatio: 0.05, minRequests: 20, window: 30s}",
                            "errorRate: {maxRatio: 0.05, minRequests: 20, window: 3s}");
            assertThat(text).contains("window: 3s");
            Path file = Files.createTempFile("breaker-teardown-policy-", ".yaml");
            Files.writeString(file, text);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
