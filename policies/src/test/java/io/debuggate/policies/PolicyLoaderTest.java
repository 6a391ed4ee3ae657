package io.debuggate.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.policies.masking.BuiltinDetector;
import io.debuggate.policies.masking.MaskingEngine;
import io.debuggate.policies.masking.ReplacementStyle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyLoaderTest {

    static final String DEFAULT_TEXT = defaultText();

    @TempDir
    Path dir;

    static String defaultText() {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 1-based line of the first line containing {@code marker} in the default policy. */
    static int lineOf(String text, String marker) {
        String[] lines = text.split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            if (lines[k].contains(marker)) {
                return k + 1;
            }
        }
        throw new IllegalArgumentException("marker not found: " + marker);
    }

    @Test
    void theShippedDefaultLoadsWithItsThreeModes() {
        PolicySet p = PolicyLoader.loadDefault();
        assertThat(p.modes()).containsOnlyKeys("pprof", "snapshot", "interactive");
        assertThat(p.mode("snapshot").haltBudget().perStop()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.mode("pprof").haltBudget().mayHalt()).isFalse();
        assertThat(p.mode("pprof").delve().methods()).isEmpty();
        assertThat(p.mode("snapshot").delve().commands()).doesNotContain("next", "call");
        assertThat(p.mode("interactive").delve().methods()).contains("CreateBreakpoint");
        assertThat(p.mode("snapshot").pprof().profiles()).doesNotContainKey("cmdline");
        assertThat(p.health().cpuUtilization()).isEqualTo(0.70);
        assertThat(p.health().cpuSustainedFor()).isEqualTo(Duration.ofSeconds(15));
        assertThat(p.health().errorRatio()).isEqualTo(0.05);
        assertThat(p.health().minRequests()).isEqualTo(20);
        assertThat(p.approvals().maxGrantDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(p.masking().builtins().get(BuiltinDetector.CN_MOBILE).style())
                .isEqualTo(new ReplacementStyle.TrackingId("tel", 12));
        assertThat(MaskingEngine.of(p.masking(), "k".repeat(32).getBytes(StandardCharsets.UTF_8))
                .mask("110101199003071233")).isEqualTo("110101********1233");
        assertThatThrownBy(() -> p.mode("god")).hasMessageContaining("no mode 'god'").hasMessageContaining("interactive, pprof, snapshot");
        assertThat(p.findMode("god")).isEmpty();
    }

    @Test
    void aFileOverridesTheDefault() throws IOException {
        Path file = dir.resolve("strict.yaml");
        Files.writeString(file, DEFAULT_TEXT.replace("profile: {maxSeconds: 30}", "profile: {maxSeconds: 10}"));
        PolicySet p = PolicyLoader.load(file);
        assertThat(p.source()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(p.mode("pprof").pprof().decide("profile", java.util.Map.of("seconds", java.util.List.of("20"))).allowed()).isFalse();
    }

    /** Each broken variant of the default file names the file, the line and the reason. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a duration that is not one|maxSessionDuration: 30m|maxSessionDuration: thirty minutes|maxSessionDuration: thirty minutes|expected a duration like 500ms",
            "an unknown key|    maxSessionDuration: 1h|    maxSessionDuraton: 1h|maxSessionDuraton: 1h|unknown key 'maxSessionDuraton'",
            "a method that does not exist|        - ToggleBreakpoint|        - ToggleBreakpoints|- ToggleBreakpoints|unknown Delve method 'ToggleBreakpoints'",
            "a never-allowed method|        - ClearBreakpoint|        - DumpStart|- DumpStart|is never allowed",
            "a never-allowed DAP request|setBreakpoints, setFunctionBreakpoints|setBreakpoints, launch|setBreakpoints, launch|DAP request 'launch' is never allowed",
            "API version 1|      apiVersion: 2|      apiVersion: 1|apiVersion: 1|must be between 2 and 2, got 1",
            "seconds beyond the ceiling|profile: {maxSeconds: 30}|profile: {maxSeconds: 3000}|profile: {maxSeconds: 3000}|must be between 1 and 300, got 3000",
            "a ratio that is text|maxRatio: 0.05|maxRatio: five percent|maxRatio: five percent|expected a number between",
            "an unknown masking style|bank-card: {style: keep|bank-card: {style: blur|bank-card: {style: blur|unknown style 'blur'",
            "a style option of another style|cn-mobile: {style: hash, hashPrefix: tel|cn-mobile: {style: hash, keepPrefix: 3, hashPrefix: tel|cn-mobile: {style: hash, keepPrefix|'keepPrefix' does not apply to style 'hash'",
            "a boolean that is not one|ipv4: {enabled: false|ipv4: {enabled: nope|ipv4: {enabled: nope|expected true or false",
            "an unknown built-in rule|    email: {style: hash|    mail: {style: hash|    mail: {style: hash|unknown built-in rule 'mail'",
            "a gc on another profile|allocs: {debug: [0, 1], maxDeltaSeconds: 30}|allocs: {debug: [0, 1], maxDeltaSeconds: 30, gc: true}|allocs: {debug: [0, 1], maxDeltaSeconds: 30, gc: true}|unknown key 'gc'",
            "a halt share over the cap|haltBudget: {perStop: 5s, maxShareOfWallTime: 0.1|haltBudget: {perStop: 5s, maxShareOfWallTime: 0.9|haltBudget: {perStop: 5s, maxShareOfWallTime: 0.9|maxShareOfWallTime must be between 0.0 and 0.5",
    })
    void invalidValuesAreReportedWithFileLineAndReason(String scenario, String original, String broken, String marker, String reason)
            throws IOException {
        assertThat(DEFAULT_TEXT).as(scenario).contains(original);
        String text = DEFAULT_TEXT.replaceFirst(java.util.regex.Pattern.quote(original), java.util.regex.Matcher.quoteReplacement(broken));
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, text);
        assertThatThrownBy(() -> PolicyLoader.load(file))
                .as(scenario)
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toAbsolutePath().toString());
                    assertThat(e.line()).isEqualTo(lineOf(text, marker));
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.getMessage()).startsWith("invalid policy " + file.toAbsolutePath() + ", line " + e.line());
                });
    }

    @Test
    void furtherHealthSignalsAreAddedByConfigurationAlone() {
        assertThat(PolicyLoader.loadDefault().health().signals()).isEmpty();
        String text = DEFAULT_TEXT.replace("  calmPeriod: 10m\n", "  calmPeriod: 10m\n  signals:\n"
                + "    gc-pause-seconds: {max: 0.2, sustainedFor: 30s}\n    p99-latency-seconds: {max: 1.5, sustainedFor: 1m}\n");
        PolicySet p = PolicyLoader.parse(text, "signals.yaml");
        assertThat(p.health().signals()).containsExactly(
                new LevelThreshold("gc-pause-seconds", 0.2, Duration.ofSeconds(30)),
                new LevelThreshold("p99-latency-seconds", 1.5, Duration.ofMinutes(1)));

        String builtIn = DEFAULT_TEXT.replace("  calmPeriod: 10m\n", "  calmPeriod: 10m\n  signals:\n    cpu: {max: 0.5, sustainedFor: 5s}\n");
        assertThatThrownBy(() -> PolicyLoader.parse(builtIn, "builtin.yaml"))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> {
                    assertThat(e.line()).isEqualTo(lineOf(builtIn, "cpu: {max: 0.5"));
                    assertThat(e.reason()).contains("'cpu' is built in; set it under health.cpu");
                });
        String tooShort = DEFAULT_TEXT.replace("  calmPeriod: 10m\n", "  calmPeriod: 10m\n  signals:\n    gc: {max: 1, sustainedFor: 0ms}\n");
        assertThatThrownBy(() -> PolicyLoader.parse(tooShort, "short.yaml"))
                .hasMessageContaining("health.signals.gc.sustainedFor must be between 1s and 10m, got 0ms");
        String unknownKey = DEFAULT_TEXT.replace("  calmPeriod: 10m\n", "  calmPeriod: 10m\n  signals:\n    gc: {maximum: 1, sustainedFor: 5s}\n");
        assertThatThrownBy(() -> PolicyLoader.parse(unknownKey, "key.yaml")).hasMessageContaining("unknown key 'maximum'");
    }

    @Test
    void malformedYamlGivesLineAndColumn() {
        String text = "version: 1\nmodes:\n  pprof:\n    maxSessionDuration: 15m\n   haltBudget: {perStop: 0ms}\n";
        assertThatThrownBy(() -> PolicyLoader.parse(text, "bad.yaml"))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.column()).isPositive();
                    assertThat(e.reason()).startsWith("malformed YAML");
                    assertThat(e.getMessage()).startsWith("invalid policy bad.yaml, line 5, column ");
                });
        assertThatThrownBy(() -> PolicyLoader.parse("version: 1\nmodes: {pprof: [\n", "unclosed.yaml"))
                .hasMessageStartingWith("invalid policy unclosed.yaml, line 3");
    }

    @Test
    void duplicateKeysAreErrorsAtTheSecondOne() {
        String text = DEFAULT_TEXT.replace("  calmPeriod: 10m", "  calmPeriod: 10m\n  calmPeriod: 1m");
        assertThatThrownBy(() -> PolicyLoader.parse(text, "dup.yaml"))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> {
                    assertThat(e.line()).isEqualTo(lineOf(text, "calmPeriod: 1m"));
                    assertThat(e.reason()).contains("calmPeriod");
                });
    }

    @Test
    void missingSectionsAndEmptyOrUnreadableFilesAreExplained() throws IOException {
        assertThatThrownBy(() -> PolicyLoader.parse(DEFAULT_TEXT.replaceAll("(?s)\\napprovals:.*", "\n"), "p.yaml"))
                .hasMessageContaining("line " + lineOf(DEFAULT_TEXT, "version: 1")).hasMessageContaining("missing required key 'approvals'");
        assertThatThrownBy(() -> PolicyLoader.parse("", "empty.yaml")).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("nope.yaml").hasMessageContaining("cannot read the file");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "version: 1 # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> PolicyLoader.load(latin1)).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> PolicyLoader.parse("version: 2\n", "v2.yaml"))
                .hasMessageContaining("missing required key");
    }

    @Test
    void aModeThatAllowsDebuggingNeedsAHaltBudget() {
        String text = DEFAULT_TEXT.replace("haltBudget: {perStop: 500ms, maxShareOfWallTime: 0.05, window: 60s}",
                "haltBudget: {perStop: 0s, maxShareOfWallTime: 0.0, window: 60s}");
        assertThatThrownBy(() -> PolicyLoader.parse(text, "p.yaml"))
                .hasMessageContaining("line " + lineOf(text, "perStop: 0s,") + ", column 17")
                .hasMessageContaining("mode 'snapshot' allows debugger requests but its halt budget is zero");
    }
}
