package io.debuggate.approval;

import static io.debuggate.approval.RequestState.CANCELLED;
import static io.debuggate.approval.RequestState.GRANTED;
import static io.debuggate.approval.RequestState.PARTIALLY_SIGNED;
import static io.debuggate.approval.RequestState.PENDING;
import static io.debuggate.approval.RequestState.REJECTED;
import static io.debuggate.approval.RequestState.REVOKED;
import static io.debuggate.approval.SignatureRole.DEV_LEAD;
import static io.debuggate.approval.SignatureRole.OPS_LEAD;
import static io.debuggate.approval.support.Cast.ALICE;
import static io.debuggate.approval.support.Cast.BOB;
import static io.debuggate.approval.support.Cast.CAROL;
import static io.debuggate.approval.support.Cast.DAVE;
import static io.debuggate.approval.support.Cast.ERIN;
import static io.debuggate.approval.support.Cast.FRANK;
import static io.debuggate.approval.support.Scenario.Action.APPROVE;
import static io.debuggate.approval.support.Scenario.Action.APPROVE_STALE_REVIEW;
import static io.debuggate.approval.support.Scenario.Action.CANCEL;
import static io.debuggate.approval.support.Scenario.Action.EDIT;
import static io.debuggate.approval.support.Scenario.Action.REJECT;
import static io.debuggate.approval.support.Scenario.Action.REVOKE;
import static io.debuggate.approval.support.Scenario.clockPastDeadline;
import static io.debuggate.approval.support.Scenario.ok;
import static io.debuggate.approval.support.Scenario.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.debuggate.approval.internal.GrantLifecycle;
import io.debuggate.approval.internal.RequestDesk;
import io.debuggate.approval.policy.DualSignaturePolicy;
import io.debuggate.approval.support.Drafts;
import io.debuggate.approval.support.MutableClock;
import io.debuggate.approval.support.RecordingAuditTrail;
import io.debuggate.approval.support.Scenario;
import io.debuggate.approval.support.Scenario.Step;
import io.debuggate.approval.support.TestApplication;
import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every separation-of-duties rule, proven through the real service on H2 with the real Flowable
 * process. Alice requests unless a scenario says otherwise; each refused step must leave the
 * state unchanged and put a denial with the rule's name in the audit trail.
 */
@SpringBootTest(classes = TestApplication.class, properties = SharedContext.PROPERTIES)
class ApprovalRulesScenarioTest {

    @Autowired ApprovalService approvals;
    @Autowired RecordingAuditTrail trail;
    @Autowired MutableClock clock;

    @BeforeEach
    @AfterEach
    void reset() {
        trail.reset();
        clock.reset();
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("self-approval is refused", BOB, List.of(
                        refused("bob, a dev lead, requested it and tries to sign it", BOB, APPROVE, DualSignaturePolicy.NOT_THE_REQUESTER),
                        refused("bob cannot reject his own request either", BOB, REJECT, DualSignaturePolicy.NOT_THE_REQUESTER),
                        ok("dave signs as dev lead", DAVE, APPROVE, PARTIALLY_SIGNED),
                        refused("bob still cannot add the ops-lead signature", BOB, APPROVE, OPS_LEAD, DualSignaturePolicy.NOT_THE_REQUESTER),
                        ok("carol completes it", CAROL, APPROVE, GRANTED))),
                new Scenario("one person (dave) cannot sign both tasks", ALICE, List.of(
                        ok("dave signs; as a member of both groups he gets the dev-lead task", DAVE, APPROVE, DEV_LEAD, PARTIALLY_SIGNED),
                        refused("dave tries again without naming a task", DAVE, APPROVE, DualSignaturePolicy.NOT_SIGNED_SIBLING),
                        refused("dave names the ops-lead task explicitly", DAVE, APPROVE, OPS_LEAD, DualSignaturePolicy.NOT_SIGNED_SIBLING),
                        refused("dave cannot reject after approving", DAVE, REJECT, DualSignaturePolicy.NOT_SIGNED_SIBLING),
                        ok("carol signs the ops-lead task", CAROL, APPROVE, GRANTED))),
                new Scenario("wrong group is refused", ALICE, List.of(
                        refused("carol (ops lead) tries the dev-lead task", CAROL, APPROVE, DEV_LEAD, DualSignaturePolicy.IN_REQUIRED_GROUP),
                        refused("bob (dev lead) tries the ops-lead task", BOB, APPROVE, OPS_LEAD, DualSignaturePolicy.IN_REQUIRED_GROUP),
                        refused("erin the auditor tries to approve", ERIN, APPROVE, DualSignaturePolicy.IN_REQUIRED_GROUP),
                        refused("erin the auditor tries to reject", ERIN, REJECT, DualSignaturePolicy.IN_REQUIRED_GROUP),
                        refused("frank the admin is no approver", FRANK, APPROVE, DualSignaturePolicy.IN_REQUIRED_GROUP),
                        ok("bob signs his own task", BOB, APPROVE, PARTIALLY_SIGNED))),
                new Scenario("approve after reject is refused", ALICE, List.of(
                        ok("bob signs", BOB, APPROVE, PARTIALLY_SIGNED),
                        ok("carol rejects", CAROL, REJECT, REJECTED),
                        refused("dave tries to approve the rejected request", DAVE, APPROVE, DualSignaturePolicy.REQUEST_PENDING),
                        refused("alice cannot cancel what is rejected", ALICE, CANCEL, RequestDesk.REQUEST_PENDING),
                        refused("alice cannot edit what is rejected", ALICE, EDIT, RequestDesk.REQUEST_PENDING))),
                new Scenario("approve after the approval window closed is refused", ALICE, List.of(
                        ok("bob signs in time", BOB, APPROVE, PARTIALLY_SIGNED),
                        clockPastDeadline("the TTL passes; the timer has not fired yet"),
                        refused("carol is too late", CAROL, APPROVE, DualSignaturePolicy.APPROVAL_WINDOW_OPEN),
                        refused("a rejection is too late as well", CAROL, REJECT, DualSignaturePolicy.APPROVAL_WINDOW_OPEN))),
                new Scenario("a task already signed cannot be signed again", ALICE, List.of(
                        ok("bob signs the dev-lead task", BOB, APPROVE, PARTIALLY_SIGNED),
                        refused("dave picks the dev-lead task bob already signed", DAVE, APPROVE, DEV_LEAD, DualSignaturePolicy.TASK_STILL_OPEN),
                        ok("dave, unasked, gets the open ops-lead task", DAVE, APPROVE, GRANTED),
                        refused("nobody signs a granted request", CAROL, APPROVE, DualSignaturePolicy.REQUEST_PENDING))),
                new Scenario("an edit after the first signature voids it", ALICE, List.of(
                        ok("bob signs", BOB, APPROVE, PARTIALLY_SIGNED),
                        ok("alice edits the reason", ALICE, EDIT, PENDING),
                        ok("carol signs the new content", CAROL, APPROVE, PARTIALLY_SIGNED),
                        refused("bob approves the content he reviewed before the edit", BOB, APPROVE_STALE_REVIEW, DualSignaturePolicy.CONTENT_UNCHANGED),
                        ok("bob signs again after reviewing the new content", BOB, APPROVE, GRANTED))),
                new Scenario("only the requester edits or cancels", ALICE, List.of(
                        refused("bob tries to edit alice's request", BOB, EDIT, RequestDesk.REQUESTER_ONLY),
                        refused("frank the admin tries to cancel it", FRANK, CANCEL, RequestDesk.REQUESTER_ONLY),
                        ok("alice cancels", ALICE, CANCEL, CANCELLED),
                        refused("bob cannot sign a cancelled request", BOB, APPROVE, DualSignaturePolicy.REQUEST_PENDING))),
                new Scenario("revoke: requester, approvers or admins, and only a grant", ALICE, List.of(
                        refused("alice cannot revoke a pending request", ALICE, REVOKE, GrantLifecycle.GRANT_ACTIVE),
                        ok("bob signs", BOB, APPROVE, PARTIALLY_SIGNED),
                        ok("carol signs", CAROL, APPROVE, GRANTED),
                        refused("alice cannot cancel a grant; she must revoke it", ALICE, CANCEL, RequestDesk.REQUEST_PENDING),
                        refused("erin the auditor may not revoke", ERIN, REVOKE, GrantLifecycle.MAY_REVOKE),
                        refused("dave signed nothing here and is no admin", DAVE, REVOKE, GrantLifecycle.MAY_REVOKE),
                        ok("carol, an approver, revokes", CAROL, REVOKE, REVOKED),
                        refused("revoking twice is refused", FRANK, REVOKE, GrantLifecycle.GRANT_ACTIVE))),
                new Scenario("an admin may revoke", ALICE, List.of(
                        ok("dave signs", DAVE, APPROVE, PARTIALLY_SIGNED),
                        ok("carol signs", CAROL, APPROVE, GRANTED),
                        ok("frank the admin revokes", FRANK, REVOKE, REVOKED))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(Scenario scenario) {
        DebugRequest request = approvals.create(scenario.requester(), Drafts.interactive());
        String id = request.id();
        for (int i = 0; i < scenario.steps().size(); i++) {
            Step step = scenario.steps().get(i);
            String where = "scenario '" + scenario.name() + "', step " + (i + 1) + " (" + step.comment() + ")";
            if (step.action() == Scenario.Action.EXPIRE_APPROVAL_WINDOW) {
                clock.advance(Duration.between(clock.instant(), request.approvalDeadline()).plusSeconds(1));
                continue;
            }
            RequestState before = approvals.get(id).state();
            int auditBefore = trail.forRequest(id).size();
            Throwable thrown = catchThrowable(() -> perform(step, id, request));
            List<AuditRecord> audited = trail.forRequest(id).subList(auditBefore, trail.forRequest(id).size());
            if (step.refusedBy() != null) {
                assertThat(thrown).as(where + ": expected refusal").isInstanceOf(ActionRefusedException.class);
                assertThat(((ActionRefusedException) thrown).rule()).as(where + ": refusing rule, message: " + thrown.getMessage())
                        .isEqualTo(step.refusedBy());
                assertThat(approvals.get(id).state()).as(where + ": state must not change").isEqualTo(before);
                assertThat(audited).as(where + ": one denial in the audit trail").hasSize(1);
                assertThat(audited.getFirst().outcome()).as(where).isEqualTo(AuditOutcome.DENIED);
                assertThat(audited.getFirst().action()).as(where)
                        .isEqualTo(isSignature(step.action()) ? AuditActions.SIGNATURE_DENIED : AuditActions.ACCESS_DENIED);
                assertThat(audited.getFirst().details()).as(where).containsEntry("rule", step.refusedBy());
                assertThat(audited.getFirst().user()).as(where).isEqualTo(step.actor().username());
            } else {
                assertThat(thrown).as(where + ": expected success").isNull();
                assertThat(approvals.get(id).state()).as(where + ": state after").isEqualTo(step.state());
                assertThat(audited).as(where + ": a state change is audited").isNotEmpty()
                        .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCESS));
            }
        }
    }

    private void perform(Step step, String id, DebugRequest original) {
        switch (step.action()) {
            case APPROVE -> approvals.approve(step.actor(), id, new SignOff("ok", step.role(), null));
            case APPROVE_STALE_REVIEW -> approvals.approve(step.actor(), id, new SignOff("ok", step.role(), original.contentHash()));
            case REJECT -> approvals.reject(step.actor(), id, new SignOff("no", step.role(), null));
            case EDIT -> approvals.edit(step.actor(), id, Drafts.withReason("goroutine leak; now also checking the mutex contention"));
            case CANCEL -> approvals.cancel(step.actor(), id);
            case REVOKE -> approvals.revoke(step.actor(), id, "done");
            case EXPIRE_APPROVAL_WINDOW -> throw new IllegalStateException("handled by the runner");
        }
    }

    private static boolean isSignature(Scenario.Action action) {
        return action == APPROVE || action == REJECT || action == APPROVE_STALE_REVIEW;
    }
}
