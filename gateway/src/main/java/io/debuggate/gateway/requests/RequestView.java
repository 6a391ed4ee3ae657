package io.debuggate.gateway.requests;

import io.debuggate.approval.DebugRequest;
import io.debuggate.approval.DebugRequestDraft;
import io.debuggate.approval.Signature;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A debug request as API clients see it: flat, stable field names. */
public record RequestView(
        String id,
        String requester,
        String state,
        @Nullable String targetService,
        @Nullable String targetInstance,
        @Nullable Set<String> tools,
        @Nullable List<String> pprofProfiles,
        @Nullable String mode,
        @Nullable String reason,
        @Nullable String ticket,
        @Nullable String changeScope,
        @Nullable String rollbackSteps,
        @Nullable String expectedImpact,
        @Nullable Integer expectedImpactMinutes,
        @Nullable List<String> monitoringChecks,
        @Nullable Integer requestedDurationMinutes,
        String contentHash,
        Instant createdAt,
        Instant approvalDeadline,
        List<SignatureView> signatures,
        @Nullable Instant grantStart,
        @Nullable Instant grantEnd,
        @Nullable String awaitingRole,
        @Nullable String awaitingGroup) {

    public record SignatureView(String role, String signer, String group, String decision, String comment,
                                Instant signedAt, boolean voided) {

        static SignatureView of(Signature s) {
            return new SignatureView(s.role().name(), s.signer(), s.group(), s.decision().name(), s.comment(),
                    s.signedAt(), !s.counts());
        }
    }

    public static RequestView of(DebugRequest r) {
        return of(r, null, null);
    }

    public static RequestView of(DebugRequest r, @Nullable String awaitingRole, @Nullable String awaitingGroup) {
        DebugRequestDraft d = r.draft();
        return new RequestView(r.id(), r.requester(), r.state().name(), d.targetService(), d.targetInstance(),
                d.tools(), d.pprofProfiles(), d.mode(), d.reason(), d.ticket(), d.changeScope(), d.rollbackSteps(),
                d.expectedImpact(), d.expectedImpactMinutes(), d.monitoringChecks(), d.requestedDurationMinutes(),
                r.contentHash(), r.createdAt(), r.approvalDeadline(),
                r.signatures().stream().map(SignatureView::of).toList(),
                r.grant() == null ? null : r.grant().startsAt(),
                r.grant() == null ? null : r.grant().endsAt(),
                awaitingRole, awaitingGroup);
    }
}
