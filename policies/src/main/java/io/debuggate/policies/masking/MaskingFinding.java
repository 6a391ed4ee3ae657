package io.debuggate.policies.masking;

/**
 * One place where masking applies: rule, char offsets [start, end) in the scanned text, and the
 * replacement. Deliberately carries no copy of the original value, so explanations can be shown
 * and logged safely.
 */
public record MaskingFinding(String ruleId, int start, int end, String replacement) {
}
