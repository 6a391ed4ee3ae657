package io.debuggate.policies;

import java.time.Duration;

/**
 * Approval settings: an approval request expires unsigned after {@code approvalTtl}; a grant lasts
 * at most {@code maxGrantDuration}, whatever its requester asks for.
 */
public record ApprovalPolicy(Duration approvalTtl, Duration maxGrantDuration) {

    public ApprovalPolicy {
        HealthThresholds.requireBetween("approvals.approvalTtl", approvalTtl, Duration.ofMinutes(1), Duration.ofDays(7));
        HealthThresholds.requireBetween("approvals.maxGrantDuration", maxGrantDuration, Duration.ofMinutes(1), Duration.ofDays(1));
    }
}
