package io.debuggate.approval.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.approval.DebugRequestDraft;
import io.debuggate.approval.support.Drafts;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentHasherTest {

    @Test
    void theHashIsPinnedSoStoredSignaturesStayValidAcrossReleases() {
        // Computed independently (a few lines of Python over the documented format). If this changes, every stored
        // signature is void: bump ContentHasher.FORMAT instead of editing the format.
        assertThat(ContentHasher.hash(Drafts.interactive()))
                .isEqualTo(ContentHasher.hash(Drafts.interactive()))
                .hasSize(64)
                .isEqualTo(PINNED);
    }

    private static final String PINNED = "df8a10a0be47cbadd35f0ed5522141ef2bb4431d62cfba63fd72e52311d62ade";

    @Test
    void toolOrderDoesNotMatterButEveryFieldDoes() {
        DebugRequestDraft d = Drafts.interactive();
        DebugRequestDraft reordered = new DebugRequestDraft(d.targetService(), d.targetInstance(),
                new LinkedHashSet<>(List.of("pprof", "dlv")), d.pprofProfiles(), d.mode(), d.reason(), d.ticket(), d.changeScope(),
                d.rollbackSteps(), d.expectedImpact(), d.expectedImpactMinutes(), d.monitoringChecks(), d.requestedDurationMinutes());
        assertThat(ContentHasher.hash(reordered)).isEqualTo(ContentHasher.hash(d));

        assertThat(ContentHasher.hash(Drafts.withReason(d.reason() + "."))).isNotEqualTo(ContentHasher.hash(d));
        DebugRequestDraft longer = new DebugRequestDraft(d.targetService(), d.targetInstance(), d.tools(), d.pprofProfiles(), d.mode(),
                d.reason(), d.ticket(), d.changeScope(), d.rollbackSteps(), d.expectedImpact(), d.expectedImpactMinutes(),
                d.monitoringChecks(), d.requestedDurationMinutes() + 1);
        assertThat(ContentHasher.hash(longer)).isNotEqualTo(ContentHasher.hash(d));
    }

    @Test
    void lengthPrefixesKeepFieldBoundariesUnambiguous() {
        DebugRequestDraft d = Drafts.interactive();
        DebugRequestDraft a = new DebugRequestDraft(d.targetService(), d.targetInstance(), d.tools(), d.pprofProfiles(), d.mode(), d.reason(),
                d.ticket(), "x\nticket=INC-1", d.rollbackSteps(), d.expectedImpact(), d.expectedImpactMinutes(), List.of("a", "b"),
                d.requestedDurationMinutes());
        DebugRequestDraft b = new DebugRequestDraft(d.targetService(), d.targetInstance(), d.tools(), d.pprofProfiles(), d.mode(), d.reason(),
                d.ticket(), "x", d.rollbackSteps(), d.expectedImpact(), d.expectedImpactMinutes(), List.of("a\nb"),
                d.requestedDurationMinutes());
        assertThat(ContentHasher.hash(a)).isNotEqualTo(ContentHasher.hash(b));
        assertThat(ContentHasher.canonical(d)).startsWith("debuggate.request.v1\ntargetService=8:checkout\n");
    }
}
