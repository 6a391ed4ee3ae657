package io.debuggate.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDiffTest {

    static final String DEFAULT = PolicyLoaderTest.DEFAULT_TEXT;

    @TempDir
    Path dir;

    @Test
    void theSamePolicyFromAnotherFileHasNoDifferences() {
        PolicyDiff diff = PolicyDiff.between(PolicyLoader.parse(DEFAULT, "a.yaml"), PolicyLoader.parse(DEFAULT, "b.yaml"));
        assertThat(diff.isEmpty()).as(diff.lines().toString()).isTrue();
    }

    @Test
    void changedValuesListsAndAddedSectionsAreNamedWithOldAndNewValues() {
        String edited = DEFAULT
                .replace("haltBudget: {perStop: 500ms, maxShareOfWallTime: 0.05, window: 60s}",
                        "haltBudget: {perStop: 250ms, maxShareOfWallTime: 0.05, window: 60s}")
                .replace("      commands: [halt, switchThread, switchGoroutine]", "      commands: [halt, switchGoroutine]")
                .replace("trace: {maxSeconds: 5}", "trace: {maxSeconds: 2}")
                .replace("  maxGrantDuration: 2h", "  maxGrantDuration: 1h")
                + "overrides:\n  - match: {environment: prod}\n    modes:\n      snapshot: {maxSessionDuration: 10m}\n";

        PolicyDiff diff = PolicyDiff.between(PolicyLoader.parse(DEFAULT, "p.yaml"), PolicyLoader.parse(edited, "p.yaml"));

        assertThat(diff.lines()).contains(
                "modes.snapshot.haltBudget.perStop: 500ms → 250ms",
                "modes.snapshot.delve.commands: [halt, switchGoroutine, switchThread] → [halt, switchGoroutine] (-switchThread)",
                "modes.pprof.pprof.profiles.trace: {maxSeconds=5, debug=[], gc=false} → {maxSeconds=2, debug=[], gc=false}",
                "approvals.maxGrantDuration: 2h → 1h",
                "overrides[0].match: added environment=prod",
                "overrides[0].modes.snapshot: added {maxSessionDuration=10m}");
        // the anchor shares the profiles: every mode that uses them changed
        assertThat(diff.lines()).contains("modes.interactive.pprof.profiles.trace: {maxSeconds=5, debug=[], gc=false} → "
                + "{maxSeconds=2, debug=[], gc=false}");
        assertThat(diff.changes()).hasSize(8);
        assertThat(diff.touches("masking")).isFalse();
        assertThat(diff.touches("approvals")).isTrue();
        assertThat(PolicyDiff.between(PolicyLoader.parse(edited, "p.yaml"), PolicyLoader.parse(DEFAULT, "p.yaml")).lines())
                .contains("overrides[0].match: removed (was environment=prod)",
                        "modes.snapshot.delve.commands: [halt, switchGoroutine] → [halt, switchGoroutine, switchThread] (+switchThread)");
    }

    @Test
    void maskingAndHealthChangesAreVisibleAsSuch() {
        String edited = DEFAULT.replace("ipv4: {enabled: false,", "ipv4: {enabled: true,")
                .replace("cpu: {maxUtilization: 0.70", "cpu: {maxUtilization: 0.60");
        PolicyDiff diff = PolicyDiff.between(PolicyLoader.parse(DEFAULT, "p.yaml"), PolicyLoader.parse(edited, "p.yaml"));

        assertThat(diff.touches("masking")).isTrue();
        assertThat(diff.touches("health")).isTrue();
        assertThat(diff.touches("modes")).isFalse();
        assertThat(diff.lines()).anySatisfy(l -> assertThat(l).startsWith("masking.rules.ipv4: off ").contains(" → "))
                .contains("health.cpuUtilization: 0.7 → 0.6");
    }

    @Test
    void aFileReadTwiceHasOneDigestAndAMalformedRewriteIsRefusedWithItsLine() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, DEFAULT);
        LoadedPolicy first = PolicyLoader.read(file);
        LoadedPolicy again = PolicyLoader.read(file);
        assertThat(first.sha256()).hasSize(64).isEqualTo(again.sha256())
                .isEqualTo(PolicyLoader.readDefault().sha256());

        String broken = DEFAULT.replace("  maxGrantDuration: 2h", "  maxGrantDuration: [2h");
        Files.writeString(file, broken);
        assertThatThrownBy(() -> PolicyLoader.read(file))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageStartingWith("invalid policy " + file.toAbsolutePath() + ", line ")
                .hasMessageContaining("malformed YAML");
        Files.writeString(file, DEFAULT.replace("  maxGrantDuration: 2h", "  maxGrantDuration: 3d"));
        assertThatThrownBy(() -> PolicyLoader.read(file))
                .hasMessage("invalid policy " + file.toAbsolutePath() + ", line " + PolicyLoaderTest.lineOf(DEFAULT, "approvalTtl")
                        + ", column 3: approvals: approvals.maxGrantDuration must be between 1m and 1d, got 3d");
    }
}
