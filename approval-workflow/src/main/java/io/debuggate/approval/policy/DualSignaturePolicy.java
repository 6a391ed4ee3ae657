package io.debuggate.approval.policy;

import io.debuggate.approval.ApproverGroups;
import io.debuggate.approval.Caller;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.Signature;
import io.debuggate.approval.SignatureRefusedException;
import io.debuggate.approval.SignatureRole;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may sign which task of a debug request, as a checklist in the style of Teleport's review
 * checks: each rule is small, named, and has its own message; the first broken rule refuses.
 * Rejections pass through the same rules as approvals — a rejection is a signature too.
 */
public final class DualSignaturePolicy {

    public static final String REQUEST_PENDING = "request-pending";
    public static final String APPROVAL_WINDOW_OPEN = "approval-window-open";
    public static final String NOT_THE_REQUESTER = "not-the-requester";
    public static final String IN_REQUIRED_GROUP = "in-required-group";
    public static final String NOT_SIGNED_SIBLING = "not-signed-sibling";
    public static final String TASK_STILL_OPEN = "task-still-open";
    public static final String CONTENT_UNCHANGED = "content-unchanged";

    private final ApproverGroups groups;
    private final List<SignatureCheck> checks;

    public DualSignaturePolicy(ApproverGroups groups) {
        this.groups = groups;
        this.checks = List.of(
                new SignatureCheck(REQUEST_PENDING, DualSignaturePolicy::requestPending),
                new SignatureCheck(APPROVAL_WINDOW_OPEN, DualSignaturePolicy::approvalWindowOpen),
                new SignatureCheck(NOT_THE_REQUESTER, DualSignaturePolicy::notTheRequester),
                new SignatureCheck(IN_REQUIRED_GROUP, this::inRequiredGroup),
                new SignatureCheck(NOT_SIGNED_SIBLING, DualSignaturePolicy::notSignedSibling),
                new SignatureCheck(TASK_STILL_OPEN, DualSignaturePolicy::taskStillOpen),
                new SignatureCheck(CONTENT_UNCHANGED, DualSignaturePolicy::contentUnchanged));
    }

    /** The rules in the order they are applied. */
    public List<SignatureCheck> checks() {
        return checks;
    }

    public Optional<Violation> firstViolation(SignatureAttempt attempt) {
        for (SignatureCheck check : checks) {
            Optional<Violation> violation = check.check(attempt);
            if (violation.isPresent()) {
                return violation;
            }
        }
        return Optional.empty();
    }

    /** Throws {@link SignatureRefusedException} naming the first broken rule; auditing it is the caller's job. */
    public void enforce(SignatureAttempt attempt) {
        firstViolation(attempt).ifPresent(v -> {
            throw new SignatureRefusedException(v.rule(), v.message());
        });
    }

    /**
     * The task a caller signs when they did not name one: an open task of a group they are in
     * (dev lead first for members of both); otherwise the first open task, so that the checklist
     * explains why they cannot sign it.
     */
    public SignatureRole chooseRole(Caller caller, Set<SignatureRole> openRoles) {
        for (SignatureRole role : SignatureRole.values()) {
            if (openRoles.contains(role) && caller.inGroup(groups.requiredGroup(role))) {
                return role;
            }
        }
        for (SignatureRole role : SignatureRole.values()) {
            if (caller.inGroup(groups.requiredGroup(role))) {
                return role;
            }
        }
        return openRoles.stream().sorted().findFirst().orElse(SignatureRole.DEV_LEAD);
    }

    private static Optional<String> requestPending(SignatureAttempt a) {
        DebugRequest r = a.request();
        if (r.state().awaitsSignatures()) {
            return Optional.empty();
        }
        return Optional.of("request " + r.id() + " is " + r.state() + "; only a pending request can be signed");
    }

    private static Optional<String> approvalWindowOpen(SignatureAttempt a) {
        DebugRequest r = a.request();
        if (a.now().isBefore(r.approvalDeadline())) {
            return Optional.empty();
        }
        return Optional.of("the approval window of request " + r.id() + " closed at " + r.approvalDeadline()
                + "; the requester must submit a new request");
    }

    private static Optional<String> notTheRequester(SignatureAttempt a) {
        if (!a.caller().username().equals(a.request().requester())) {
            return Optional.empty();
        }
        return Optional.of(a.caller().username() + " requested " + a.request().id()
                + " and cannot sign it; a dev lead and an ops lead other than the requester must sign");
    }

    private Optional<String> inRequiredGroup(SignatureAttempt a) {
        String group = groups.requiredGroup(a.role());
        if (a.caller().inGroup(group)) {
            return Optional.empty();
        }
        return Optional.of(a.caller().username() + " is not in group '" + group + "', which the " + a.role()
                + " signature requires");
    }

    private static Optional<String> notSignedSibling(SignatureAttempt a) {
        return a.request().validSignatures().stream()
                .filter(s -> s.signer().equals(a.caller().username()))
                .findFirst()
                .map(s -> a.caller().username() + " already signed " + a.request().id() + " as " + s.role()
                        + "; the " + a.role() + " signature must come from another person");
    }

    private static Optional<String> taskStillOpen(SignatureAttempt a) {
        if (a.openRoles().contains(a.role())) {
            return Optional.empty();
        }
        String by = a.request().validSignatures().stream().filter(s -> s.role() == a.role()).map(Signature::signer)
                .findFirst().orElse("someone else");
        return Optional.of("the " + a.role() + " signature of " + a.request().id() + " was already given by " + by);
    }

    private static Optional<String> contentUnchanged(SignatureAttempt a) {
        DebugRequest r = a.request();
        Optional<Signature> stale = r.validSignatures().stream().filter(s -> !s.contentHash().equals(r.contentHash())).findFirst();
        if (stale.isPresent()) {
            return Optional.of("request " + r.id() + " changed after " + stale.get().signer() + " signed it (signed "
                    + shortHash(stale.get().contentHash()) + ", now " + shortHash(r.contentHash()) + "); its signatures are void");
        }
        if (a.reviewedContentHash() != null && !a.reviewedContentHash().equals(r.contentHash())) {
            return Optional.of("request " + r.id() + " changed since you reviewed it (reviewed " + shortHash(a.reviewedContentHash())
                    + ", now " + shortHash(r.contentHash()) + "); reload it and review again");
        }
        return Optional.empty();
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
