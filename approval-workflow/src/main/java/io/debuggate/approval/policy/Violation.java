package io.debuggate.approval.policy;

/** A broken rule and its message for the caller and the audit trail. */
public record Violation(String rule, String message) {
}
