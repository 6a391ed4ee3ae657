package io.debuggate.policies.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The custom-rule prefilter: which prefixes are taken as required, and that using them changes no match. */
class LiteralPrefixTest {

    @Example
    void onlyPlainlyRequiredPrefixesAreUsed() {
        assertThat(LiteralPrefix.of(Pattern.compile("\\bEMP-\\d{6}\\b"))).isEqualTo("EMP-");
        assertThat(LiteralPrefix.of(Pattern.compile("ORD\\.\\d+"))).isEqualTo("ORD.");
        assertThat(LiteralPrefix.of(Pattern.compile("EMP-?\\d+"))).isEqualTo("EMP");
        assertThat(LiteralPrefix.of(Pattern.compile("EMP{2}\\d"))).isEqualTo("EM");
        assertThat(LiteralPrefix.of(Pattern.compile("token=[A-Za-z0-9]{20,}"))).isEqualTo("token=");
        assertThat(LiteralPrefix.of(Pattern.compile("ab+"))).isNull();
        assertThat(LiteralPrefix.of(Pattern.compile("EMP-\\d+|ORD-\\d+"))).isNull();
        assertThat(LiteralPrefix.of(Pattern.compile("(?i)emp-\\d+"))).isNull();
        assertThat(LiteralPrefix.of(Pattern.compile("emp-\\d+", Pattern.CASE_INSENSITIVE))).isNull();
        assertThat(LiteralPrefix.of(Pattern.compile("\\d{6}"))).isNull();
        assertThat(LiteralPrefix.of(Pattern.compile("[A-Z]{3}-\\d+"))).isNull();
        assertThat(LiteralPrefix.of(Pattern.compile("\\GEMP-\\d+"))).isNull();
    }

    @Example
    void indexOfStaysInsideTheRange() {
        assertThat(LiteralPrefix.indexOf("xx EMP-1 EMP-2", "EMP-", 0, 14)).isEqualTo(3);
        assertThat(LiteralPrefix.indexOf("xx EMP-1 EMP-2", "EMP-", 4, 14)).isEqualTo(9);
        assertThat(LiteralPrefix.indexOf("xx EMP-1 EMP-2", "EMP-", 4, 12)).isEqualTo(-1);
        assertThat(LiteralPrefix.indexOf(new StringBuilder("xx EMP-1 EMP-2"), "EMP-", 4, 13)).isEqualTo(9);
        assertThat(LiteralPrefix.indexOf(new StringBuilder("xx EMP-1 EMP-2"), "EMP-", 4, 12)).isEqualTo(-1);
    }

    /**
     * The same rule written so that it has no usable prefix ("(?:...)") runs through {@code find()} at
     * every position: both must mask alike, one-shot and streamed (the writer scans a CharBuffer).
     */
    @Property(tries = 1500)
    void thePrefilterChangesNoMatch(@ForAll("texts") String text, @ForAll("rules") String rule) throws IOException {
        MaskingEngine prefiltered = engine(rule);
        MaskingEngine plain = engine("(?:" + rule + ")");
        assertThat(LiteralPrefix.of(Pattern.compile(rule))).isNotNull();
        assertThat(prefiltered.mask(text)).isEqualTo(plain.mask(text));
        StringWriter sink = new StringWriter();
        try (MaskingWriter w = prefiltered.writer(sink)) {
            w.write(text);
        }
        assertThat(sink.toString()).isEqualTo(plain.mask(text));
    }

    private static MaskingEngine engine(String regex) {
        return MaskingEngine.of(MaskingPolicy.defaults().withCustomRules(List.of(
                new CustomRule("employee", Pattern.compile(regex), new ReplacementStyle.TrackingId("emp", 10)))),
                MaskingEngineTest.KEY);
    }

    @Provide
    Arbitrary<String> rules() {
        return Arbitraries.of("\\bEMP-\\d{6}\\b", "EMP-\\d{2,}", "EMP-?\\d+", "EMPEMP\\d", "E\\-\\d+(?=\\s)", "\\bEMP");
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of("EMP-", "EMP", "EMPEMP", "E-", "-", "EMP-EMP-", "123456", "1", "12",
                "1234567", " ", "x", "*", "\n", "中", "13812345678", "EMP-123456");
        Arbitrary<String> fragments = Combinators.combine(pieces, MaskingPropertiesTest.fragment()).as((p, f) -> p + (f.length() % 3 == 0 ? f : ""));
        return fragments.list().ofMinSize(1).ofMaxSize(40).map(l -> String.join("", l));
    }
}
