package io.debuggate.policies.pprof;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.policies.DecisionCode;
import io.debuggate.policies.PolicyDecision;
import io.debuggate.policies.PolicyLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PprofPolicyTest {

    static final PprofPolicy PPROF = PolicyLoader.loadDefault().mode("pprof").pprof();

    /** Parses a raw query string the way Go's url.ParseQuery does (repeated keys kept). */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.computeIfAbsent(java.net.URLDecoder.decode(k, java.nio.charset.StandardCharsets.UTF_8), x -> new ArrayList<>())
                    .add(java.net.URLDecoder.decode(v, java.nio.charset.StandardCharsets.UTF_8));
        }
        return q;
    }

    @ParameterizedTest(name = "/debug/pprof/{0}?{1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "profile|seconds=30|ALLOWED|",
            "profile|seconds=5|ALLOWED|",
            "profile||ALLOWED|Go's default 30s",
            "profile|seconds=31|ARGUMENT_OUT_OF_RANGE|between 1 and 30",
            "profile|seconds=0|ARGUMENT_OUT_OF_RANGE|between 1 and 30",
            "profile|seconds=abc|MALFORMED_ARGUMENT|not a whole number",
            "profile|seconds=-1|MALFORMED_ARGUMENT|not a whole number",
            "profile|seconds=1e9|MALFORMED_ARGUMENT|not a whole number",
            "profile|seconds=|MALFORMED_ARGUMENT|not a whole number",
            "profile|seconds=99999999999999|MALFORMED_ARGUMENT|not a whole number",
            "profile|seconds=10&seconds=600|DUPLICATE_ARGUMENT|given 2 times",
            "profile|seconds=10&debug=1|UNKNOWN_ARGUMENT|unknown parameter 'debug'",
            "profile|Seconds=10|UNKNOWN_ARGUMENT|unknown parameter 'Seconds'",
            "trace||ALLOWED|",
            "trace|seconds=5|ALLOWED|",
            "trace|seconds=6|ARGUMENT_OUT_OF_RANGE|between 1 and 5",
            "trace|seconds=0.5|MALFORMED_ARGUMENT|whole number",
            "goroutine|debug=2|ALLOWED|",
            "goroutine||ALLOWED|",
            "goroutine|debug=3|ARGUMENT_NOT_ALLOWED|debug='3'",
            "goroutine|debug=01x|ARGUMENT_NOT_ALLOWED|debug='01x'",
            "goroutine|seconds=10|ALLOWED|delta",
            "goroutine|seconds=31|ARGUMENT_OUT_OF_RANGE|between 1 and 30",
            "goroutine|seconds=10&debug=1|ARGUMENT_NOT_ALLOWED|only with debug=0",
            "heap|debug=1|ALLOWED|",
            "heap|gc=1|ARGUMENT_NOT_ALLOWED|full garbage collection",
            "heap|debug=2|ARGUMENT_NOT_ALLOWED|debug='2'",
            "allocs|gc=1|UNKNOWN_ARGUMENT|unknown parameter 'gc'",
            "mutex|debug=1|ALLOWED|",
            "cmdline||NOT_ALLOWED|not allowed in this mode",
            "nosuchprofile||NOT_ALLOWED|not allowed in this mode",
            "||ALLOWED|",
            "index|x=1|UNKNOWN_ARGUMENT|unknown parameter 'x'",
            "symbol|0x4a5b6c+0x4a5b7d|ALLOWED|",
            "symbol|name=main.handle|MALFORMED_ARGUMENT|program counters",
    })
    void decisions(String profile, String rawQuery, DecisionCode code, String messagePart) {
        PolicyDecision d = PPROF.decide(profile, query(rawQuery));
        assertThat(d.code()).as(d.message()).isEqualTo(code);
        assertThat(d.allowed()).isEqualTo(code == DecisionCode.ALLOWED);
        if (messagePart != null) {
            assertThat(d.message()).contains(messagePart);
        }
    }

    @Test
    void aModeWithoutAPprofSectionDeniesEverything() {
        PolicyDecision d = PprofPolicy.denyAll().decide("goroutine", Map.of());
        assertThat(d.code()).isEqualTo(DecisionCode.NOT_ALLOWED);
    }

    @Test
    void aCustomProfileCanBeAllowedButHasNoDeltaForm() {
        PprofPolicy p = new PprofPolicy(Map.of("sessions", new PprofProfileRule("sessions", 0, java.util.Set.of(1), false)));
        assertThat(p.decide("sessions", query("debug=1")).allowed()).isTrue();
        assertThat(p.decide("sessions", query("")).code()).isEqualTo(DecisionCode.MISSING_ARGUMENT);
        assertThat(p.decide("sessions", query("seconds=5")).code()).isEqualTo(DecisionCode.ARGUMENT_NOT_ALLOWED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PprofProfileRule("sessions", 10, java.util.Set.of(1), false))
                .hasMessageContaining("has no delta form");
    }
}
