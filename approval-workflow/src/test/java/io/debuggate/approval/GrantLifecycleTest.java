package io.debuggate.approval;

import static io.debuggate.approval.support.Cast.ALICE;
import static io.debuggate.approval.support.Cast.BOB;
import static io.debuggate.approval.support.Cast.CAROL;
import static io.debuggate.approval.support.Cast.DAVE;
import static io.debuggate.approval.support.Cast.ERIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.debuggate.approval.event.GrantApproved;
import io.debuggate.approval.event.GrantExpired;
import io.debuggate.approval.event.GrantRevoked;
import io.debuggate.approval.event.RequestSubmitted;
import io.debuggate.approval.event.SignatureRequested;
import io.debuggate.approval.support.Drafts;
import io.debuggate.approval.support.EventLog;
import io.debuggate.approval.support.MutableClock;
import io.debuggate.approval.support.RecordingAuditTrail;
import io.debuggate.approval.support.TestApplication;
import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditRecord;
import java.time.Duration;
import java.util.List;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** From request to grant to its end, through the real process on H2. */
@SpringBootTest(classes = TestApplication.class, properties = SharedContext.PROPERTIES)
class GrantLifecycleTest {

    @Autowired ApprovalService approvals;
    @Autowired GrantCheck grants;
    @Autowired RecordingAuditTrail trail;
    @Autowired EventLog events;
    @Autowired MutableClock clock;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;

    @BeforeEach
    @AfterEach
    void reset() {
        trail.reset();
        clock.reset();
        events.reset();
    }

    private DebugRequest granted() {
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());
        approvals.approve(BOB, request.id(), "looked at the scope");
        return approvals.approve(CAROL, request.id(), "monitoring is in place");
    }

    @Test
    void happyPathGrantsAWindowOfTheRequestedLengthAndAnnouncesIt() {
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());
        assertThat(events.ofType(request.id(), RequestSubmitted.class)).hasSize(1);
        assertThat(events.ofType(request.id(), SignatureRequested.class)).extracting(SignatureRequested::requiredGroup)
                .containsExactlyInAnyOrder("dev-leads", "ops-leads");

        approvals.approve(BOB, request.id(), "scope is fine");
        DebugRequest done = approvals.approve(CAROL, request.id(), "dashboards ready");

        assertThat(done.state()).isEqualTo(RequestState.GRANTED);
        assertThat(done.grant()).isNotNull();
        assertThat(Duration.between(done.grant().startsAt(), done.grant().endsAt())).isEqualTo(Duration.ofMinutes(30));
        assertThat(done.validSignatures()).extracting(Signature::signer, Signature::role, Signature::group)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", SignatureRole.DEV_LEAD, "dev-leads"),
                        org.assertj.core.groups.Tuple.tuple("carol", SignatureRole.OPS_LEAD, "ops-leads"));
        assertThat(done.validSignatures()).allSatisfy(s -> assertThat(s.contentHash()).isEqualTo(done.contentHash()));
        assertThat(trail.actionsFor(request.id())).containsExactly(AuditActions.REQUEST_CREATED, AuditActions.REQUEST_SIGNED,
                AuditActions.REQUEST_SIGNED, AuditActions.REQUEST_APPROVED);
        GrantApproved approved = events.ofType(request.id(), GrantApproved.class).getFirst();
        assertThat(approved.approvers()).containsExactly("bob", "carol");
        assertThat(approved.endsAt()).isEqualTo(done.grant().endsAt());
        String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(request.id()).singleResult().getId();
        assertThat(runtime.createExecutionQuery().processInstanceId(pid).activityId("grantWindowEnded").count())
                .as("the process waits for the end of the grant").isEqualTo(1);
    }

    @Test
    void activeGrantHoldsOnlyForTheRequesterAndTheGrantedToolsAndNamesItsTarget() {
        DebugRequest g = granted();
        String id = g.id();
        assertThat(grants.activeGrant(id, "alice", "dlv")).get()
                .satisfies(a -> {
                    assertThat(a.mode()).isEqualTo("interactive");
                    assertThat(a.pprofProfiles()).containsExactly("goroutine", "heap");
                    assertThat(a.window()).isEqualTo(g.grant());
                    // the caller never names a target: the gateway connects to the one the grant names
                    assertThat(a.targetService()).isEqualTo("checkout");
                    assertThat(a.targetInstance()).isEqualTo("checkout-7d9f-x2");
                });
        assertThat(grants.activeGrant(id, "alice", "pprof")).isPresent();
        assertThat(grants.activeGrant(id, "alice", "dap")).as("dap was not granted").isEmpty();
        assertThat(grants.activeGrant(id, "bob", "dlv")).as("an approver is not the grantee").isEmpty();
        assertThat(grants.activeGrant("dr-unknown", "alice", "dlv")).isEmpty();
    }

    @Test
    void aGrantLookedUpWithoutItsTargetNamesTheTargetItWasGrantedFor() {
        DebugRequest g = granted();
        assertThat(grants.activeGrant(g.id(), "alice", "pprof")).get().satisfies(a -> {
            assertThat(a.targetService()).isEqualTo("checkout");
            assertThat(a.targetInstance()).isEqualTo("checkout-7d9f-x2");
        });
        assertThat(grants.activeGrant(g.id(), "alice", "dap")).as("dap was not granted").isEmpty();
        assertThat(grants.activeGrant(g.id(), "bob", "dlv")).as("an approver is not the grantee").isEmpty();
        assertThat(grants.activeGrant("dr-unknown", "alice", "dlv")).isEmpty();

        approvals.revoke(ALICE, g.id(), "found it");

        assertThat(grants.activeGrant(g.id(), "alice", "dlv")).isEmpty();
    }

    @Test
    void noGrantBeforeBothSignatures() {
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());
        assertThat(grants.activeGrant(request.id(), "alice", "dlv")).isEmpty();
        approvals.approve(DAVE, request.id(), "one of two");
        assertThat(grants.activeGrant(request.id(), "alice", "dlv")).isEmpty();
    }

    @Test
    void revokeEndsTheGrantImmediatelyEvenWithTheCacheWarm() {
        DebugRequest g = granted();
        assertThat(grants.activeGrant(g.id(), "alice", "dlv")).as("warms the 30 s cache").isPresent();

        DebugRequest revoked = approvals.revoke(ALICE, g.id(), "found it");

        assertThat(revoked.state()).isEqualTo(RequestState.REVOKED);
        assertThat(grants.activeGrant(g.id(), "alice", "dlv")).isEmpty();
        assertThat(events.ofType(g.id(), GrantRevoked.class)).singleElement()
                .satisfies(e -> assertThat(e.revokedBy()).isEqualTo("alice"));
        AuditRecord audit = trail.forRequest(g.id()).getLast();
        assertThat(audit.action()).isEqualTo(AuditActions.GRANT_REVOKED);
        assertThat(audit.reason()).isEqualTo("found it");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(g.id()).count()).as("process ended").isZero();
    }

    @Test
    void theWindowIsEnforcedByTheClockEvenBeforeTheTimerFires() {
        DebugRequest g = granted();
        clock.advance(Duration.ofMinutes(31));
        assertThat(grants.activeGrant(g.id(), "alice", "dlv")).isEmpty();
        assertThat(approvals.get(g.id()).state()).as("the timer has not fired").isEqualTo(RequestState.GRANTED);
    }

    @Test
    void theGrantEndTimerExpiresTheGrantAndAnnouncesIt() {
        DebugRequest g = granted();
        String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(g.id()).singleResult().getId();
        Job timer = management.createTimerJobQuery().processInstanceId(pid).singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(g.grant().endsAt());

        // Make the real timer job due now instead of waiting 30 minutes; Flowable's async executor runs it.
        management.moveTimerToExecutableJob(timer.getId());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(approvals.get(g.id()).state()).isEqualTo(RequestState.EXPIRED));
        assertThat(grants.activeGrant(g.id(), "alice", "dlv")).isEmpty();
        assertThat(events.ofType(g.id(), GrantExpired.class)).singleElement()
                .satisfies(e -> assertThat(e.endsAt()).isEqualTo(g.grant().endsAt()));
        AuditRecord audit = trail.forRequest(g.id()).getLast();
        assertThat(audit.action()).isEqualTo(AuditActions.GRANT_EXPIRED);
        assertThat(audit.user()).isEqualTo("system");
        assertThatThrownBy(() -> approvals.revoke(ALICE, g.id(), "late")).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("is EXPIRED");
    }

    @Test
    void anEditVoidsTheFirstSignatureAndKeepsItInTheHistory() {
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());
        approvals.approve(BOB, request.id(), "fine");
        DebugRequest edited = approvals.edit(ALICE, request.id(), Drafts.withReason("goroutine leak, widened to the mutex profile"));

        assertThat(edited.state()).isEqualTo(RequestState.PENDING);
        assertThat(edited.contentHash()).isNotEqualTo(request.contentHash());
        assertThat(edited.signatures()).singleElement().satisfies(s -> {
            assertThat(s.signer()).isEqualTo("bob");
            assertThat(s.counts()).isFalse();
            assertThat(s.contentHash()).isEqualTo(request.contentHash());
        });
        assertThat(edited.validSignatures()).isEmpty();
        assertThat(trail.actionsFor(request.id())).last().isEqualTo("request.edited");
        assertThat(events.ofType(request.id(), SignatureRequested.class)).as("both leads are asked again").hasSize(4);
        assertThat(approvals.pendingFor(BOB)).extracting(p -> p.request().id()).contains(request.id());
    }

    @Test
    void anEditWithoutChangesKeepsTheSignature() {
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());
        approvals.approve(BOB, request.id(), "fine");
        DebugRequest same = approvals.edit(ALICE, request.id(), Drafts.interactive());
        assertThat(same.state()).isEqualTo(RequestState.PARTIALLY_SIGNED);
        assertThat(same.validSignatures()).hasSize(1);
    }

    @Test
    void theInboxShowsOnlyWhatTheCallerMaySign() {
        DebugRequest request = approvals.create(ALICE, Drafts.interactive());
        DebugRequest own = approvals.create(DAVE, Drafts.interactive());

        assertThat(inbox(DAVE, request.id())).containsExactly(SignatureRole.DEV_LEAD, SignatureRole.OPS_LEAD);
        assertThat(inbox(DAVE, own.id())).as("never your own request").isEmpty();
        assertThat(inbox(BOB, request.id())).containsExactly(SignatureRole.DEV_LEAD);
        assertThat(inbox(CAROL, request.id())).containsExactly(SignatureRole.OPS_LEAD);
        assertThat(inbox(ERIN, request.id())).isEmpty();
        assertThat(inbox(ALICE, request.id())).isEmpty();

        approvals.approve(DAVE, request.id(), "dev side ok");
        assertThat(inbox(DAVE, request.id())).as("not the sibling of what you signed").isEmpty();
        assertThat(inbox(BOB, request.id())).as("the dev-lead task is done").isEmpty();
        assertThat(inbox(CAROL, request.id())).containsExactly(SignatureRole.OPS_LEAD);
    }

    @Test
    void listMineShowsTheCallersOwnRequestsNewestFirst() {
        DebugRequest first = approvals.create(ERIN, Drafts.interactive());
        clock.advance(Duration.ofSeconds(1));
        DebugRequest second = approvals.create(ERIN, Drafts.withReason("second look at the same goroutine leak"));
        assertThat(approvals.listMine(ERIN)).extracting(DebugRequest::id).containsExactly(second.id(), first.id());
        assertThat(approvals.listMine(CAROL)).extracting(DebugRequest::id).doesNotContain(first.id(), second.id());
    }

    @Test
    void unknownRequestsAreNotFound() {
        assertThatThrownBy(() -> approvals.get("dr-nope")).isInstanceOf(RequestNotFoundException.class).hasMessageContaining("dr-nope");
        assertThatThrownBy(() -> approvals.approve(BOB, "dr-nope", "x")).isInstanceOf(RequestNotFoundException.class);
    }

    @Test
    void anInvalidDraftIsRefusedWithEveryProblemAndNothingIsStored() {
        int before = approvals.listMine(ALICE).size();
        assertThatThrownBy(() -> approvals.create(ALICE, new DebugRequestDraft(null, null, null, null, null, null, null, null, null,
                null, null, null, 999)))
                .isInstanceOf(RequestValidationException.class)
                .satisfies(e -> assertThat(((RequestValidationException) e).errors()).extracting(FieldError::field)
                        .contains("targetService", "targetInstance", "tools", "mode", "reason", "ticket", "changeScope",
                                "rollbackSteps", "expectedImpact", "expectedImpactMinutes", "monitoringChecks", "requestedDurationMinutes"));
        assertThat(approvals.listMine(ALICE)).hasSize(before);
        assertThat(trail.records()).isEmpty();
    }

    @Test
    void twoSignaturesAtTheSameMomentNeverLeaveAHalfTruth() throws Exception {
        for (int round = 0; round < 5; round++) {
            DebugRequest request = approvals.create(ALICE, Drafts.interactive());
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<Throwable>> outcomes = pool.invokeAll(List.of(
                        () -> attempt(start, BOB, request.id()), () -> attempt(start, CAROL, request.id())));
                List<Throwable> failures = new java.util.ArrayList<>();
                for (java.util.concurrent.Future<Throwable> outcome : outcomes) {
                    if (outcome.get() != null) {
                        failures.add(outcome.get());
                    }
                }
                assertThat(failures).as("round " + round + ": a loser gets a clean 409, nothing else")
                        .allSatisfy(f -> assertThat(f).isInstanceOf(ConcurrentRequestChangeException.class));
                DebugRequest after = approvals.get(request.id());
                int signatures = after.validSignatures().size();
                assertThat(signatures).as("round " + round).isEqualTo(2 - failures.size());
                assertThat(after.state()).as("round " + round)
                        .isEqualTo(signatures == 2 ? RequestState.GRANTED : RequestState.PARTIALLY_SIGNED);
                assertThat(after.grant() != null).as("round " + round).isEqualTo(signatures == 2);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Throwable attempt(java.util.concurrent.CyclicBarrier start, Caller who, String id) throws Exception {
        start.await();
        try {
            approvals.approve(who, id, "race");
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private List<SignatureRole> inbox(Caller caller, String requestId) {
        return approvals.pendingFor(caller).stream().filter(p -> p.request().id().equals(requestId)).map(PendingSignature::role).toList();
    }
}
