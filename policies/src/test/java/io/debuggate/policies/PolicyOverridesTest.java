package io.debuggate.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyOverridesTest {

    static final String OVERRIDES = """
            overrides:
              - description: production is stricter
                match: {environment: prod}
                modes:
                  interactive:
                    maxSessionDuration: 20m
                    haltBudget: {perStop: 2s, maxShareOfWallTime: 0.05}
                    delve:
                      removeCommands: [step, stepInstruction]
                      loadLimits: {maxStringLen: 64, maxStructFields: 32}
                    dap: {removeRequests: [stepIn], allowLogpoints: false}
              - match: {target: payment-svc/*}
                modes:
                  interactive:
                    haltBudget: {perStop: 3s}
                    pprof: {maxSeconds: 10, removeProfiles: [trace]}
                  snapshot:
                    delve: {removeMethods: [Command]}
              - match: {environment: prod, target: "*/canary-*"}
                modes:
                  pprof:
                    pprof: {removeProfiles: [profile]}
            """;

    static PolicySet policy() {
        return PolicyLoader.parse(PolicyLoaderTest.DEFAULT_TEXT + OVERRIDES, "test.yaml");
    }

    /** target, environment: which overrides apply, and the effective interactive per-stop budget. */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(nullValues = "-", value = {
            "payment-svc/demo-0, prod,    0 1, 2s",
            "payment-svc/demo-0, staging, 1,   3s",
            "payment-svc/demo-0, -,       1,   3s",
            "orders/demo-0,      prod,    0,   2s",
            "orders/canary-1,    prod,    0 2, 2s",
            "orders/canary-1,    staging, -,   5s",
            "payment-svc/canary-1, prod,  0 1 2, 2s",
            "payment-svcx/demo-0, -,      -,   5s",
    })
    void overridesApplyByEnvironmentAndTargetPattern(String target, String environment, String applied, String perStop) {
        PolicySet p = policy();
        List<Integer> expected = applied == null ? List.of()
                : java.util.Arrays.stream(applied.split(" ")).map(Integer::parseInt).toList();
        assertThat(p.overridesFor(target, environment)).extracting(PolicyOverride::index).containsExactlyElementsOf(expected);
        assertThat(p.findMode("interactive", target, environment).orElseThrow().haltBudget().perStop())
                .isEqualTo(Durations.parse(perStop));
    }

    @Test
    void narrowingsComposeIntoTheEffectiveMode() {
        PolicySet p = policy();
        ModePolicy base = p.mode("interactive");
        ModePolicy m = p.findMode("interactive", "payment-svc/demo-0", "prod").orElseThrow();

        assertThat(m.maxSessionDuration()).isEqualTo(Duration.ofMinutes(20));
        assertThat(m.haltBudget().perStop()).isEqualTo(Duration.ofSeconds(2));
        assertThat(m.haltBudget().maxShareOfWallTime()).isEqualTo(0.05);
        assertThat(m.haltBudget().window()).isEqualTo(base.haltBudget().window());
        assertThat(m.delve().commands()).doesNotContain("step", "stepInstruction").contains("halt", "continue", "next");
        assertThat(m.delve().methods()).isEqualTo(base.delve().methods());
        assertThat(m.delve().loadLimits().maxStringLen()).isEqualTo(64);
        assertThat(m.delve().loadLimits().maxStructFields()).as("caps 'all fields' too").isEqualTo(32);
        assertThat(m.delve().loadLimits().maxArrayValues()).isEqualTo(64);
        assertThat(m.dap().requests()).doesNotContain("stepIn").contains("next");
        assertThat(m.dap().allowLogpoints()).isFalse();
        assertThat(m.pprof().profiles()).doesNotContainKey("trace");
        assertThat(m.pprof().profiles().get("profile").maxSeconds()).isEqualTo(10);
        assertThat(m.pprof().profiles().get("goroutine").maxSeconds()).isEqualTo(10);
        assertThat(m.pprof().decide("profile", Map.of("seconds", List.of("11"))).message()).contains("between 1 and 10");

        ModePolicy snapshot = p.findMode("snapshot", "payment-svc/demo-0", null).orElseThrow();
        assertThat(snapshot.delve().methods()).doesNotContain("Command");
        assertThat(snapshot.delve().commands()).as("commands go with the Command method").isEmpty();

        assertThat(p.findMode("interactive", "orders/demo-0", null).orElseThrow()).as("no override: the mode as written")
                .isSameAs(base);
        assertThat(p.findMode("no-such-mode", "orders/demo-0", null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "longer session   | interactive: {maxSessionDuration: 2h}                | maxSessionDuration 2h is above the 1h of mode 'interactive'",
            "longer stop      | interactive: {haltBudget: {perStop: 10s}}            | haltBudget.perStop 10s is above the 5s of mode 'interactive'",
            "more wall time   | snapshot: {haltBudget: {maxShareOfWallTime: 0.2}}    | haltBudget.maxShareOfWallTime 0.2 is above the 0.05",
            "longer strings   | snapshot: {delve: {loadLimits: {maxStringLen: 999}}} | delve.loadLimits.maxStringLen 999 is above the mode's own 256",
            "flag on          | snapshot: {delve: {allowUnsafeCall: true}}           | allowUnsafeCall can only be set to false",
            "typo             | snapshot: {delve: {removeMethods: [Evall]}}          | does not allow Delve method 'Evall'",
            "absent command   | snapshot: {delve: {removeCommands: [continue]}}      | does not allow Delve command 'continue'",
            "zero budget      | snapshot: {haltBudget: {perStop: 0ms}}               | zero halt budget",
            "unknown mode     | debug: {maxSessionDuration: 5m}                      | the policy has no mode 'debug' to override",
            "unknown key      | snapshot: {window: 5s}                               | unknown key 'window'",
            "nothing changed  | snapshot: {}                                         | must change something",
    })
    void anOverrideThatWidensOrMissesStopsTheLoadAtItsLine(String name, String modes, String reason) {
        String text = PolicyLoaderTest.DEFAULT_TEXT + "overrides:\n  - match: {target: a/b}\n    modes:\n      " + modes + "\n";
        int line = text.split("\n", -1).length - 1;
        assertThatThrownBy(() -> PolicyLoader.parse(text, "/etc/debuggate/policy.yaml"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining(reason)
                .hasMessageStartingWith("invalid policy /etc/debuggate/policy.yaml, line " + line + ",")
                .satisfies(e -> assertThat(((PolicyLoadException) e).line()).isEqualTo(line));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no condition    | {}                            | needs match.environment or match.target",
            "bad pattern     | {target: payment-svc}         | must look like service/instance",
            "bad environment | {environment: Prod}           | match.environment 'Prod' must be",
            "unknown key     | {env: prod}                   | unknown key 'env'",
    })
    void theMatchIsValidated(String name, String match, String reason) {
        String text = PolicyLoaderTest.DEFAULT_TEXT + "overrides:\n  - match: " + match
                + "\n    modes:\n      snapshot: {maxSessionDuration: 5m}\n";
        int line = PolicyLoaderTest.lineOf(text, "  - match: ");
        assertThatThrownBy(() -> PolicyLoader.parse(text, "p.yaml"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((PolicyLoadException) e).line()).isEqualTo(line));
    }

    @Test
    void theShippedDefaultHasNoOverrides() {
        assertThat(PolicyLoader.loadDefault().overrides()).isEmpty();
        assertThat(policy().overrides()).extracting(PolicyOverride::line)
                .containsExactly(PolicyLoaderTest.lineOf(PolicyLoaderTest.DEFAULT_TEXT + OVERRIDES, "- description: production"),
                        PolicyLoaderTest.lineOf(PolicyLoaderTest.DEFAULT_TEXT + OVERRIDES, "- match: {target: payment-svc/*}"),
                        PolicyLoaderTest.lineOf(PolicyLoaderTest.DEFAULT_TEXT + OVERRIDES, "- match: {environment: prod, target"));
    }
}
