package io.debuggate.approval.policy;

import java.util.Optional;
import java.util.function.Function;

/**
 * One named rule of the checklist.
 *
 * @param rule the stable name, reported in the 403 and in the audit event
 * @param test returns the refusal message when the rule is broken, empty when it holds
 */
public record SignatureCheck(String rule, Function<SignatureAttempt, Optional<String>> test) {

    public Optional<Violation> check(SignatureAttempt attempt) {
        return test.apply(attempt).map(message -> new Violation(rule, message));
    }
}
