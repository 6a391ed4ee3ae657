package io.debuggate.approval.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.approval.notify.WebhookFormat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ApprovalPropertiesTest {

    private static ApprovalProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("debuggate.approval", ApprovalProperties.class);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ApprovalProperties p = bind(Map.of());
        assertThat(p.approvalTtl()).isEqualTo(Duration.ofHours(4));
        assertThat(p.maxGrantDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(p.defaultGrantDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(p.grantCacheTtl()).isZero();
        assertThat(p.groups().toApproverGroups().devLeads()).isEqualTo("dev-leads");
        assertThat(p.groups().opsLeads()).isEqualTo("ops-leads");
        assertThat(p.groups().admins()).isEqualTo("admins");
        assertThat(p.webhooks()).isEmpty();
        assertThat(p.webhookRetry().maxAttempts()).isEqualTo(5);
        assertThat(p.initializeSchema()).isTrue();
        assertThat(p.expiryRetryCycle()).isEqualTo("R1440/PT1M");
    }

    @Test
    void webhooksBind() {
        ApprovalProperties p = bind(Map.of("debuggate.approval.webhooks[0].url", "https://hooks.example.com/T1/secret",
                "debuggate.approval.webhooks[0].format", "slack", "debuggate.approval.webhooks[0].events", "GrantApproved,GrantRevoked"));
        assertThat(p.webhooks()).singleElement().satisfies(w -> {
            assertThat(w.format()).isEqualTo(WebhookFormat.SLACK);
            assertThat(w.events()).containsExactlyInAnyOrder("GrantApproved", "GrantRevoked");
            assertThat(w.toTarget().url().getHost()).isEqualTo("hooks.example.com");
        });
    }

    @Test
    void badValuesStopStartUpWithTheValueAndTheFix() {
        assertRefused(Map.of("debuggate.approval.max-grant-duration", "P3D"),
                "debuggate.approval.max-grant-duration is PT72H; set it between PT1M and PT24H");
        assertRefused(Map.of("debuggate.approval.default-grant-duration", "PT3H"),
                "debuggate.approval.default-grant-duration is PT3H; set it between PT1M and PT2H");
        assertRefused(Map.of("debuggate.approval.approval-ttl", "PT0S"),
                "debuggate.approval.approval-ttl is PT0S; set it between PT1S and PT168H");
        assertRefused(Map.of("debuggate.approval.groups.ops-leads", "dev-leads"),
                "dev-leads and ops-leads are both 'dev-leads'");
        assertRefused(Map.of("debuggate.approval.webhooks[0].url", "https://h.example.com/x", "debuggate.approval.webhooks[0].events", "Everything"),
                "debuggate.approval.webhooks[].events contains 'Everything'; choose from [GrantApproved,");
        assertRefused(Map.of("debuggate.approval.webhooks[0].url", "ftp://h.example.com/x"),
                "is not an absolute http(s) URL");
        assertRefused(Map.of("debuggate.approval.expiry-retry-cycle", "every minute"),
                "debuggate.approval.expiry-retry-cycle is 'every minute'; give an ISO-8601 repeat such as R1440/PT1M");
        assertRefused(Map.of("debuggate.approval.webhook-retry.max-attempts", "0"),
                "webhook-retry.max-attempts is 0; set 1 to 20");
    }

    private static void assertRefused(Map<String, String> values, String message) {
        assertThatThrownBy(() -> bind(values).webhooks().forEach(ApprovalProperties.Webhook::toTarget))
                .as(values.toString())
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining(message);
    }
}
