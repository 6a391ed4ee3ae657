package io.debuggate.approval;

import static io.debuggate.approval.support.Cast.ALICE;
import static io.debuggate.approval.support.Cast.BOB;
import static io.debuggate.approval.support.Cast.CAROL;
import static io.debuggate.approval.support.Cast.ERIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.approval.support.Drafts;
import io.debuggate.approval.support.EventLog;
import io.debuggate.approval.support.RecordingAuditTrail;
import io.debuggate.approval.support.TestApplication;
import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditUnavailableException;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * No change without its audit event: when the trail refuses, our rows, Flowable's rows and the
 * events all stay as they were, and the caller gets {@link AuditUnavailableException}.
 */
@SpringBootTest(classes = TestApplication.class, properties = SharedContext.PROPERTIES)
class AuditFailClosedTest {

    @Autowired ApprovalService approvals;
    @Autowired GrantCheck grants;
    @Autowired RecordingAuditTrail trail;
    @Autowired EventLog events;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;

    @BeforeEach
    @AfterEach
    void reset() {
        trail.reset();
        events.reset();
    }

    @Test
    void createIsUndoneWhenTheTrailRefuses() {
        trail.refuseAll();
        int before = approvals.listMine(ALICE).size();
        long processes = runtime.createProcessInstanceQuery().count();

        assertThatThrownBy(() -> approvals.create(ALICE, Drafts.interactive())).isInstanceOf(AuditUnavailableException.class);

        assertThat(approvals.listMine(ALICE)).hasSize(before);
        assertThat(runtime.createProcessInstanceQuery().count()).as("no process left running").isEqualTo(processes);
        assertThat(events.forRequestsOf("alice")).isEmpty();
    }

    @Test
    void aSignatureIsUndoneWhenTheTrailRefuses() {
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());
        trail.refuseWhen(r -> r.action().equals(AuditActions.REQUEST_SIGNED));

        assertThatThrownBy(() -> approvals.approve(BOB, request.id(), "ok")).isInstanceOf(AuditUnavailableException.class);

        DebugRequest after = approvals.get(request.id());
        assertThat(after.state()).isEqualTo(RequestState.PENDING);
        assertThat(after.signatures()).isEmpty();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(request.id()).count()).as("both tasks still open").isEqualTo(2);
    }

    @Test
    void theGrantIsUndoneWhenOnlyTheApprovalEventIsRefusedAndTheSignedEventIsCompensated() {
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());
        approvals.approve(BOB, request.id(), "ok");
        trail.refuseWhen(r -> r.action().equals(AuditActions.REQUEST_APPROVED));

        assertThatThrownBy(() -> approvals.approve(CAROL, request.id(), "ok")).isInstanceOf(AuditUnavailableException.class);

        DebugRequest after = approvals.get(request.id());
        assertThat(after.state()).isEqualTo(RequestState.PARTIALLY_SIGNED);
        assertThat(after.grant()).isNull();
        assertThat(after.validSignatures()).extracting(Signature::signer).containsExactly("bob");
        assertThat(grants.activeGrant(request.id(), "alice", "dlv")).isEmpty();
        assertThat(events.forRequest(request.id())).noneMatch(e -> e instanceof io.debuggate.approval.event.GrantApproved);
        // carol's request.signed was recorded before request.approved was refused: a failure event says it did not take effect.
        assertThat(trail.forRequest(request.id())).filteredOn(r -> r.user().equals("carol"))
                .extracting(r -> r.action() + ":" + r.outcome())
                .containsExactly(AuditActions.REQUEST_SIGNED + ":" + AuditOutcome.SUCCESS, AuditActions.REQUEST_SIGNED + ":" + AuditOutcome.FAILURE);

        trail.reset();
        assertThat(approvals.approve(CAROL, request.id(), "ok").state()).as("works once the trail is back").isEqualTo(RequestState.GRANTED);
    }

    @Test
    void aRevokeIsUndoneWhenTheTrailRefuses() {
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());
        approvals.approve(BOB, request.id(), "ok");
        approvals.approve(CAROL, request.id(), "ok");
        trail.refuseAll();

        assertThatThrownBy(() -> approvals.revoke(ALICE, request.id(), "done")).isInstanceOf(AuditUnavailableException.class);

        assertThat(approvals.get(request.id()).state()).isEqualTo(RequestState.GRANTED);
    }

    @Test
    void aRefusalThatCannotBeAuditedIsStillARefusal() {
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());
        trail.refuseAll();

        assertThatThrownBy(() -> approvals.approve(ERIN, request.id(), "sneaky")).isInstanceOf(AuditUnavailableException.class);

        assertThat(approvals.get(request.id()).signatures()).isEmpty();
    }
}
