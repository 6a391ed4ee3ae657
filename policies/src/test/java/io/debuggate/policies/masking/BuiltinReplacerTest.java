package io.debuggate.policies.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code mask(String)} builds built-in replacements from the scanner's byte view of the whole text
 * ({@link BuiltinReplacer}); {@code explain} from each value on its own. Both must agree, for every style.
 */
class BuiltinReplacerTest {

    @Property(tries = 1500)
    void replacementsFromBytesEqualReplacementsFromText(@ForAll("texts") String text, @ForAll("seeds") long seed) {
        Random r = new Random(seed);
        MaskingPolicy policy = MaskingPolicy.defaults();
        for (BuiltinDetector d : BuiltinDetector.values()) {
            ReplacementStyle style = switch (r.nextInt(3)) {
                case 0 -> new ReplacementStyle.Keep(r.nextInt(13), r.nextInt(13));
                case 1 -> new ReplacementStyle.Redact("[R:" + d.id() + "]");
                default -> new ReplacementStyle.TrackingId("t", 8 + r.nextInt(5));
            };
            policy = policy.withBuiltin(d, new BuiltinRule(d != BuiltinDetector.IPV4 || r.nextBoolean(), style));
        }
        MaskingEngine engine = MaskingEngine.of(policy, MaskingEngineTest.KEY);
        List<MaskingFinding> findings = engine.explain(text);
        StringBuilder expected = new StringBuilder();
        int p = 0;
        for (MaskingFinding f : findings) {
            expected.append(text, p, f.start()).append(f.replacement());
            p = f.end();
        }
        expected.append(text, p, text.length());
        assertThat(engine.mask(text)).isEqualTo(expected.toString());
    }

    @Property(tries = 10)
    void mixedCaseValuesHashLikeTheirCanonicalForm(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        String email = PiiSamples.randomEmail(r);
        String id = PiiSamples.residentId("110105", "19491231", "002");
        MaskingEngine engine = MaskingEngine.of(MaskingPolicy.defaults().withBuiltin(BuiltinDetector.CN_RESIDENT_ID,
                BuiltinRule.on(new ReplacementStyle.TrackingId("id", 12))), MaskingEngineTest.KEY);
        assertThat(engine.mask("to " + email.toUpperCase(java.util.Locale.ROOT) + " id " + id.toLowerCase(java.util.Locale.ROOT)))
                .isEqualTo(engine.mask("to " + email + " id " + id.toUpperCase(java.util.Locale.ROOT)));
        assertThat(engine.mask("+86 138-1234-5678")).isEqualTo(engine.mask("13812345678"));
    }

    @Provide
    Arbitrary<String> texts() {
        return MaskingPropertiesTest.fragment().list().ofMinSize(1).ofMaxSize(30).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
