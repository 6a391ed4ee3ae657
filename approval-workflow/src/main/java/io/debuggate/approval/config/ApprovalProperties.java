package io.debuggate.approval.config;

import io.debuggate.approval.ApproverGroups;
import io.debuggate.approval.notify.WebhookFormat;
import io.debuggate.approval.notify.WebhookRetry;
import io.debuggate.approval.notify.WebhookTarget;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code debuggate.approval.*}. Bad values stop the application at start-up with a message that
 * quotes the value and names the fix.
 *
 * @param approvalTtl how long a request may wait for both signatures before it expires (default PT4H)
 * @param maxGrantDuration the longest grant anyone may request (default PT2H)
 * @param defaultGrantDuration used when a request names no duration (default PT1H)
 * @param grantCacheTtl how long a grant row may be reused by the per-message check; PT0S (default)
 *     reads it every time, so a revoke on any replica is seen at once; a positive value saves
 *     reads but lets other replicas see a revoke up to that late (this replica always sees it at once)
 * @param groups the group names that carry approval rights
 * @param webhooks where notifications are posted (default none)
 * @param webhookRetry retry and back-off of webhook deliveries
 * @param initializeSchema create our tables at start-up if missing (default true)
 * @param expiryRetryCycle how an expiry that failed because the audit trail refused it is retried,
 *     as an ISO-8601 repeat (default R1440/PT1M: every minute for a day)
 */
@ConfigurationProperties("debuggate.approval")
public record ApprovalProperties(
        @DefaultValue("PT4H") Duration approvalTtl,
        @DefaultValue("PT2H") Duration maxGrantDuration,
        @DefaultValue("PT1H") Duration defaultGrantDuration,
        @DefaultValue("PT0S") Duration grantCacheTtl,
        @DefaultValue Groups groups,
        @Nullable List<Webhook> webhooks,
        @DefaultValue Retry webhookRetry,
        @DefaultValue("true") boolean initializeSchema,
        @DefaultValue("R1440/PT1M") String expiryRetryCycle) {

    /** The events a webhook may subscribe to. */
    public static final Set<String> EVENT_NAMES = Set.of("RequestSubmitted", "SignatureRequested", "GrantApproved",
            "RequestRejected", "RequestExpired", "RequestCancelled", "GrantRevoked", "GrantExpired");

    private static final Pattern RETRY_CYCLE = Pattern.compile("R[1-9][0-9]{0,5}/PT?[0-9][0-9A-Z.]*");

    public ApprovalProperties {
        within("approval-ttl", approvalTtl, Duration.ofSeconds(1), Duration.ofDays(7));
        within("max-grant-duration", maxGrantDuration, Duration.ofMinutes(1), Duration.ofDays(1));
        within("default-grant-duration", defaultGrantDuration, Duration.ofMinutes(1), maxGrantDuration);
        within("grant-cache-ttl", grantCacheTtl, Duration.ZERO, Duration.ofMinutes(1));
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        if (!RETRY_CYCLE.matcher(expiryRetryCycle).matches()) {
            throw new IllegalArgumentException("debuggate.approval.expiry-retry-cycle is '" + expiryRetryCycle
                    + "'; give an ISO-8601 repeat such as R1440/PT1M (count/interval)");
        }
    }

    /** Defaults of the nested groups: {@code dev-leads}, {@code ops-leads}, {@code admins}. */
    public record Groups(@DefaultValue("dev-leads") String devLeads, @DefaultValue("ops-leads") String opsLeads,
            @DefaultValue("admins") String admins) {

        public Groups {
            new ApproverGroups(devLeads, opsLeads, admins); // validates now: a bad value stops start-up
        }

        public ApproverGroups toApproverGroups() {
            return new ApproverGroups(devLeads, opsLeads, admins);
        }
    }

    /**
     * One webhook.
     *
     * @param url the endpoint (secret tokens in it are never logged)
     * @param format {@code json} (default) or {@code slack}
     * @param events event names to send; empty sends all of {@link #EVENT_NAMES}
     */
    public record Webhook(@Nullable URI url, @DefaultValue("JSON") WebhookFormat format, @Nullable Set<String> events) {

        public Webhook {
            if (url == null) {
                throw new IllegalArgumentException("debuggate.approval.webhooks[].url is missing; give the endpoint, e.g. https://hooks.slack.com/services/...");
            }
            events = events == null ? Set.of() : Set.copyOf(events);
            for (String event : events) {
                if (!EVENT_NAMES.contains(event)) {
                    throw new IllegalArgumentException("debuggate.approval.webhooks[].events contains '" + event
                            + "'; choose from " + EVENT_NAMES.stream().sorted().toList());
                }
            }
            new WebhookTarget(url, format, events); // validates now: a bad value stops start-up
        }

        public WebhookTarget toTarget() {
            return new WebhookTarget(java.util.Objects.requireNonNull(url), format, events);
        }
    }

    /** Webhook delivery: 5 attempts, back-off from PT1S doubling up to PT1M, PT10S per request. */
    public record Retry(@DefaultValue("5") int maxAttempts, @DefaultValue("PT1S") Duration initialBackoff,
            @DefaultValue("PT1M") Duration maxBackoff, @DefaultValue("PT10S") Duration requestTimeout) {

        public Retry {
            new WebhookRetry(maxAttempts, initialBackoff, maxBackoff, requestTimeout); // validates now
        }

        public WebhookRetry toWebhookRetry() {
            return new WebhookRetry(maxAttempts, initialBackoff, maxBackoff, requestTimeout);
        }
    }

    private static void within(String property, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("debuggate.approval." + property + " is " + value + "; set it between " + min + " and " + max);
        }
    }
}
