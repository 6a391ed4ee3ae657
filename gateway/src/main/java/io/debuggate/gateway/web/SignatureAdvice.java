package io.debuggate.gateway.web;

import io.debuggate.approval.ApprovalService;
import io.debuggate.approval.Caller;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.PendingSignature;
import io.debuggate.approval.Signature;
import io.debuggate.approval.SignatureDecision;
import io.debuggate.approval.SignatureRole;
import io.debuggate.approval.policy.DualSignaturePolicy;
import io.debuggate.approval.policy.SignatureAttempt;
import io.debuggate.approval.policy.Violation;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Tells the request page, before anyone clicks, whether the viewer has a signature to give and if
 * not, which rule stands in the way — by asking the same {@link DualSignaturePolicy} the approval
 * module enforces, so the explanation never drifts from the rule. The click itself is still
 * checked (and audited) by {@link ApprovalService}.
 */
@Component
public class SignatureAdvice {

    /**
     * @param role the task the viewer can sign now, or {@code null}
     * @param refusal why they cannot, or {@code null} when they can (or nothing is left to sign)
     */
    public record Advice(@Nullable SignatureRole role, @Nullable Violation refusal) {
    }

    private final ApprovalService approvals;
    private final DualSignaturePolicy policy;
    private final Clock clock;

    SignatureAdvice(ApprovalService approvals, DualSignaturePolicy policy, Clock clock) {
        this.approvals = approvals;
        this.policy = policy;
        this.clock = clock;
    }

    public Optional<Advice> adviseOn(DebugRequest request, Caller viewer) {
        if (!request.state().awaitsSignatures()) {
            return Optional.empty();
        }
        Optional<SignatureRole> mine = approvals.pendingFor(viewer).stream()
                .filter(p -> p.request().id().equals(request.id()))
                .map(PendingSignature::role)
                .sorted()
                .findFirst();
        if (mine.isPresent()) {
            return Optional.of(new Advice(mine.get(), null));
        }
        Set<SignatureRole> open = EnumSet.allOf(SignatureRole.class);
        request.validSignatures().stream().map(Signature::role).forEach(open::remove);
        SignatureRole role = policy.chooseRole(viewer, open);
        Violation refusal = policy.firstViolation(new SignatureAttempt(viewer, request, role, SignatureDecision.APPROVED,
                        open, null, clock.instant()))
                .orElse(new Violation("no-open-task", viewer.username() + " has no signature to give on " + request.id()));
        return Optional.of(new Advice(null, refusal));
    }
}
