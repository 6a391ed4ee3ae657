package io.debuggate.approval.policy;

import static io.debuggate.approval.RequestState.GRANTED;
import static io.debuggate.approval.RequestState.PARTIALLY_SIGNED;
import static io.debuggate.approval.RequestState.PENDING;
import static io.debuggate.approval.RequestState.REJECTED;
import static io.debuggate.approval.SignatureRole.DEV_LEAD;
import static io.debuggate.approval.SignatureRole.OPS_LEAD;
import static io.debuggate.approval.support.Cast.ALICE;
import static io.debuggate.approval.support.Cast.BOB;
import static io.debuggate.approval.support.Cast.CAROL;
import static io.debuggate.approval.support.Cast.DAVE;
import static io.debuggate.approval.support.Cast.ERIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.approval.ApproverGroups;
import io.debuggate.approval.Caller;
import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.RequestState;
import io.debuggate.approval.Signature;
import io.debuggate.approval.SignatureDecision;
import io.debuggate.approval.SignatureRefusedException;
import io.debuggate.approval.SignatureRole;
import io.debuggate.approval.support.Drafts;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each rule alone, without Spring or a database: a row names the situation and the rule expected to refuse (or none). */
class DualSignaturePolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String HASH = "a".repeat(64);
    private static final DualSignaturePolicy POLICY = new DualSignaturePolicy(ApproverGroups.DEFAULTS);

    record Row(String situation, Caller caller, SignatureRole role, RequestState state, List<Signature> signatures,
            Set<SignatureRole> open, Instant deadline, @Nullable String reviewed, @Nullable String expectedRule, String messagePart) {
        @Override
        public String toString() {
            return situation;
        }
    }

    static Stream<Row> rows() {
        Signature bobSigned = signature("bob", DEV_LEAD, HASH);
        Signature daveSigned = signature("dave", DEV_LEAD, HASH);
        Set<SignatureRole> both = EnumSet.allOf(SignatureRole.class);
        Set<SignatureRole> opsOpen = EnumSet.of(OPS_LEAD);
        Instant later = NOW.plusSeconds(3600);
        return Stream.of(
                new Row("bob signs a fresh request", BOB, DEV_LEAD, PENDING, List.of(), both, later, null, null, ""),
                new Row("carol completes it", CAROL, OPS_LEAD, PARTIALLY_SIGNED, List.of(bobSigned), opsOpen, later, HASH, null, ""),
                new Row("the requester signs", ALICE, DEV_LEAD, PENDING, List.of(), both, later, null,
                        DualSignaturePolicy.NOT_THE_REQUESTER, "alice requested dr-1 and cannot sign it"),
                new Row("erin is in no approver group", ERIN, DEV_LEAD, PENDING, List.of(), both, later, null,
                        DualSignaturePolicy.IN_REQUIRED_GROUP, "erin is not in group 'dev-leads', which the DEV_LEAD signature requires"),
                new Row("bob tries the ops task", BOB, OPS_LEAD, PENDING, List.of(), both, later, null,
                        DualSignaturePolicy.IN_REQUIRED_GROUP, "'ops-leads'"),
                new Row("dave signs the sibling of his own signature", DAVE, OPS_LEAD, PARTIALLY_SIGNED, List.of(daveSigned), opsOpen, later,
                        null, DualSignaturePolicy.NOT_SIGNED_SIBLING, "dave already signed dr-1 as DEV_LEAD; the OPS_LEAD signature must come from another person"),
                new Row("dave signs a task bob already signed", DAVE, DEV_LEAD, PARTIALLY_SIGNED, List.of(bobSigned), opsOpen, later, null,
                        DualSignaturePolicy.TASK_STILL_OPEN, "the DEV_LEAD signature of dr-1 was already given by bob"),
                new Row("a rejected request", CAROL, OPS_LEAD, REJECTED, List.of(), Set.of(), later, null,
                        DualSignaturePolicy.REQUEST_PENDING, "request dr-1 is REJECTED; only a pending request can be signed"),
                new Row("a granted request", DAVE, OPS_LEAD, GRANTED, List.of(bobSigned), Set.of(), later, null,
                        DualSignaturePolicy.REQUEST_PENDING, "is GRANTED"),
                new Row("the deadline has passed", CAROL, OPS_LEAD, PARTIALLY_SIGNED, List.of(bobSigned), opsOpen, NOW, null,
                        DualSignaturePolicy.APPROVAL_WINDOW_OPEN, "closed at 2026-03-01T12:00:00Z"),
                new Row("a signature covers other content", CAROL, OPS_LEAD, PARTIALLY_SIGNED, List.of(signature("bob", DEV_LEAD, "b".repeat(64))),
                        opsOpen, later, null, DualSignaturePolicy.CONTENT_UNCHANGED, "changed after bob signed it"),
                new Row("carol reviewed an older version", CAROL, OPS_LEAD, PARTIALLY_SIGNED, List.of(bobSigned), opsOpen, later, "c".repeat(64),
                        DualSignaturePolicy.CONTENT_UNCHANGED, "changed since you reviewed it"),
                new Row("the requester is also a lead: requester rule comes first", DAVE, DEV_LEAD, PENDING, List.of(), both, later, null,
                        DualSignaturePolicy.NOT_THE_REQUESTER, "dave requested"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) {
        String requester = row.situation().startsWith("the requester is also a lead") ? "dave" : "alice";
        DebugRequest request = new DebugRequest("dr-1", requester, Drafts.interactive(), HASH, row.state(), NOW.minusSeconds(60),
                row.deadline(), row.signatures(), null);
        SignatureAttempt attempt = new SignatureAttempt(row.caller(), request, row.role(), SignatureDecision.APPROVED, row.open(),
                row.reviewed(), NOW);
        Optional<Violation> violation = POLICY.firstViolation(attempt);
        if (row.expectedRule() == null) {
            assertThat(violation).as(row.situation()).isEmpty();
        } else {
            assertThat(violation).as(row.situation()).get().satisfies(v -> {
                assertThat(v.rule()).as(row.situation() + ": rule").isEqualTo(row.expectedRule());
                assertThat(v.message()).as(row.situation() + ": message").contains(row.messagePart());
            });
            assertThatThrownBy(() -> POLICY.enforce(attempt)).isInstanceOf(SignatureRefusedException.class)
                    .hasMessage(violation.get().message());
        }
    }

    @Test
    void everyRuleHasAUniqueName() {
        assertThat(POLICY.checks()).extracting(SignatureCheck::rule).doesNotHaveDuplicates().containsExactly(
                "request-pending", "approval-window-open", "not-the-requester", "in-required-group", "not-signed-sibling",
                "task-still-open", "content-unchanged");
    }

    @Test
    void aMemberOfBothGroupsGetsTheDevLeadTaskFirstThenTheOpenOne() {
        assertThat(POLICY.chooseRole(DAVE, EnumSet.allOf(SignatureRole.class))).isEqualTo(DEV_LEAD);
        assertThat(POLICY.chooseRole(DAVE, EnumSet.of(OPS_LEAD))).isEqualTo(OPS_LEAD);
        assertThat(POLICY.chooseRole(CAROL, EnumSet.allOf(SignatureRole.class))).isEqualTo(OPS_LEAD);
        assertThat(POLICY.chooseRole(BOB, EnumSet.of(OPS_LEAD))).as("bob's own task is closed: pick it so the checklist says why")
                .isEqualTo(DEV_LEAD);
        assertThat(POLICY.chooseRole(ERIN, EnumSet.of(OPS_LEAD))).isEqualTo(OPS_LEAD);
    }

    private static Signature signature(String signer, SignatureRole role, String hash) {
        return new Signature(role, signer, ApproverGroups.DEFAULTS.requiredGroup(role), SignatureDecision.APPROVED, "", hash,
                NOW.minusSeconds(30), null);
    }
}
