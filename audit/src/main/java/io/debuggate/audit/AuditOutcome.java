package io.debuggate.audit;

/** ECS {@code event.outcome}, plus {@code denied} for policy refusals auditors filter on. */
public enum AuditOutcome {
    SUCCESS,
    FAILURE,
    DENIED
}
