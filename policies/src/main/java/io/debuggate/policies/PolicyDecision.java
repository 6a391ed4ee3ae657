package io.debuggate.policies;

import java.util.Objects;

/**
 * The answer to "may this request pass?": allowed or denied, a stable {@link DecisionCode}, and a
 * message for humans that says what was wrong and how to fix it. Messages quote only request
 * metadata (method names, parameter names, numbers), never payload text.
 */
public record PolicyDecision(boolean allowed, DecisionCode code, String message) {

    public PolicyDecision {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (allowed != (code == DecisionCode.ALLOWED)) {
            throw new IllegalArgumentException("an allowed decision must carry code ALLOWED and a denial any other code, got "
                    + allowed + "/" + code);
        }
    }

    public static PolicyDecision allow(String message) {
        return new PolicyDecision(true, DecisionCode.ALLOWED, message);
    }

    public static PolicyDecision deny(DecisionCode code, String message) {
        return new PolicyDecision(false, code, message);
    }

    public boolean denied() {
        return !allowed;
    }
}
