package io.debuggate.approval;

import static io.debuggate.approval.support.Cast.ALICE;
import static io.debuggate.approval.support.Cast.BOB;
import static io.debuggate.approval.support.Cast.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.debuggate.approval.event.RequestExpired;
import io.debuggate.approval.policy.DualSignaturePolicy;
import io.debuggate.approval.support.Drafts;
import io.debuggate.approval.support.EventLog;
import io.debuggate.approval.support.RecordingAuditTrail;
import io.debuggate.approval.support.TestApplication;
import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditRecord;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Instant;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The approval TTL as Flowable's real boundary timer, run by its async executor: a request not
 * fully signed within PT2S expires by itself. A Slack-style webhook on a local JDK HttpServer
 * receives the notifications through the real Spring wiring.
 */
@SpringBootTest(classes = TestApplication.class, properties = "debuggate.approval.approval-ttl=PT2S")
class ApprovalTtlExpiryTest {

    @Autowired ApprovalService approvals;
    @Autowired RecordingAuditTrail trail;
    @Autowired EventLog events;
    @Autowired RuntimeService runtime;

    private static final List<String> WEBHOOK_BODIES = new CopyOnWriteArrayList<>();
    private static final HttpServer WEBHOOK = startWebhook();

    private static HttpServer startWebhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hooks", exchange -> {
                WEBHOOK_BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("debuggate.approval.webhooks[0].url", () -> "http://127.0.0.1:" + WEBHOOK.getAddress().getPort() + "/hooks/T1/secret");
        registry.add("debuggate.approval.webhooks[0].format", () -> "slack");
        registry.add("debuggate.approval.webhooks[0].events", () -> "SignatureRequested,RequestExpired");
    }

    @AfterAll
    static void stopWebhook() {
        WEBHOOK.stop(0);
    }

    @BeforeEach
    @AfterEach
    void reset() {
        trail.reset();
        events.reset();
    }

    @Test
    void aHalfSignedRequestExpiresWhenTheTtlPasses() {
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());
        assertThat(Duration.between(request.createdAt(), request.approvalDeadline())).isEqualTo(Duration.ofSeconds(2));
        approvals.approve(BOB, request.id(), "ok");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(approvals.get(request.id()).state()).isEqualTo(RequestState.EXPIRED));

        assertThat(events.ofType(request.id(), RequestExpired.class)).singleElement()
                .satisfies(e -> assertThat(e.approvalDeadline()).isEqualTo(request.approvalDeadline()));
        AuditRecord audit = trail.forRequest(request.id()).getLast();
        assertThat(audit.action()).isEqualTo(AuditActions.REQUEST_EXPIRED);
        assertThat(audit.user()).isEqualTo("system");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(request.id()).count()).isZero();
        assertThatThrownBy(() -> approvals.approve(CAROL, request.id(), "too late"))
                .isInstanceOf(SignatureRefusedException.class)
                .satisfies(e -> assertThat(((SignatureRefusedException) e).rule()).isEqualTo(DualSignaturePolicy.REQUEST_PENDING));
        assertThat(approvals.pendingFor(CAROL)).noneMatch(p -> p.request().id().equals(request.id()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(WEBHOOK_BODIES).filteredOn(b -> b.contains(request.id()))
                .containsExactlyInAnyOrder(
                        "{\"text\":\"Debug request " + request.id() + " by alice for checkout/checkout-7d9f-x2 awaits a signature from dev-leads (DEV_LEAD) until " + request.approvalDeadline() + "\"}",
                        "{\"text\":\"Debug request " + request.id() + " by alice for checkout/checkout-7d9f-x2 awaits a signature from ops-leads (OPS_LEAD) until " + request.approvalDeadline() + "\"}",
                        "{\"text\":\"Debug request " + request.id() + " by alice expired without both signatures at " + request.approvalDeadline() + "\"}"));
    }

    @Test
    void whileTheTrailIsDownTheExpiryWaitsButTheClosedWindowAlreadyRefusesSignatures() {
        trail.refuseWhen(r -> r.action().equals(AuditActions.REQUEST_EXPIRED));
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(request.approvalDeadline().plusSeconds(2)));
        assertThat(approvals.get(request.id()).state()).as("the expiry job failed closed and will be retried").isEqualTo(RequestState.PENDING);
        assertThatThrownBy(() -> approvals.approve(CAROL, request.id(), "sneaking in"))
                .isInstanceOf(SignatureRefusedException.class)
                .satisfies(e -> assertThat(((SignatureRefusedException) e).rule()).isEqualTo(DualSignaturePolicy.APPROVAL_WINDOW_OPEN));

        trail.refuseWhen(r -> false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(approvals.get(request.id()).state()).isEqualTo(RequestState.EXPIRED));
        assertThat(trail.actionsFor(request.id())).contains(AuditActions.REQUEST_EXPIRED);
    }
}
