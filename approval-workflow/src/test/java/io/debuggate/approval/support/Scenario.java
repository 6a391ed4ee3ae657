package io.debuggate.approval.support;

import io.debuggate.approval.Caller;
import io.debuggate.approval.RequestState;
import io.debuggate.approval.SignatureRole;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A security scenario as a table of steps, Teleport style: each step has a comment, an actor, an
 * action and one expectation — a state after it, or the rule that refuses it.
 */
public record Scenario(String name, Caller requester, List<Step> steps) {

    public enum Action { APPROVE, REJECT, EDIT, CANCEL, REVOKE, APPROVE_STALE_REVIEW, EXPIRE_APPROVAL_WINDOW }

    /**
     * @param role the task to sign, or null to let the service choose
     * @param state expected state after a successful step, or null when refused
     * @param refusedBy the rule expected to refuse, or null when the step should succeed
     */
    public record Step(String comment, @Nullable Caller actor, Action action, @Nullable SignatureRole role,
            @Nullable RequestState state, @Nullable String refusedBy) {
    }

    public static Step ok(String comment, Caller actor, Action action, RequestState state) {
        return new Step(comment, actor, action, null, state, null);
    }

    public static Step ok(String comment, Caller actor, Action action, SignatureRole role, RequestState state) {
        return new Step(comment, actor, action, role, state, null);
    }

    public static Step refused(String comment, Caller actor, Action action, String rule) {
        return new Step(comment, actor, action, null, null, rule);
    }

    public static Step refused(String comment, Caller actor, Action action, SignatureRole role, String rule) {
        return new Step(comment, actor, action, role, null, rule);
    }

    /** Moves the test clock past the approval deadline; the timer has not fired, the clock alone must close the window. */
    public static Step clockPastDeadline(String comment) {
        return new Step(comment, null, Action.EXPIRE_APPROVAL_WINDOW, null, null, null);
    }

    @Override
    public String toString() {
        return name;
    }
}
