package io.debuggate.policies.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MaskingPropertiesTest {

    static final MaskingEngine ENGINE = MaskingEngineTest.ENGINE;
    static final MaskingEngine WITH_CUSTOM_AND_IP = MaskingEngine.of(MaskingPolicy.defaults()
            .withBuiltin(BuiltinDetector.IPV4, BuiltinRule.on(new ReplacementStyle.Redact("[REDACTED:ipv4]")))
            .withCustomRules(List.of(new CustomRule("employee", Pattern.compile("\\bEMP-\\d{6}\\b"),
                    new ReplacementStyle.TrackingId("emp", 10)))), MaskingEngineTest.KEY);

    /** Text a value can sit in without being glued to it: punctuation, spaces, JSON, Chinese. */
    @Provide
    Arbitrary<String> separator() {
        return Arbitraries.of(" ", "\n", "\t", ", ", ": ", "=", "\"", "\":\"", "（", "）", "，", "：", "电话", "身份证号", "【",
                "<", ">", "(", "[", "{\"v\":\"", "/", "|", "'", "\u00a0", "😀");
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property
    void noValidResidentIdSurvives(@ForAll("seeds") long seed, @ForAll("separator") String before, @ForAll("separator") String after) {
        String id = PiiSamples.randomResidentId(new Random(seed));
        String masked = ENGINE.mask(before + id + after);
        assertThat(masked).doesNotContain(id).contains(id.substring(0, 6) + "********" + id.substring(14));
    }

    @Property
    void idsWithAWrongCheckCharacterAreNotIds(@ForAll("seeds") long seed) {
        String id = PiiSamples.withWrongCheck(PiiSamples.randomResidentId(new Random(seed)));
        assertThat(ENGINE.explain(" " + id + " ")).noneMatch(f -> f.ruleId().equals("cn-resident-id"));
    }

    @Property
    void noValidCardSurvivesPlainOrGrouped(@ForAll("seeds") long seed, @ForAll("separator") String before,
            @ForAll("separator") String after) {
        String card = PiiSamples.randomCard(new Random(seed));
        for (String form : List.of(card, PiiSamples.grouped(card, ' '), PiiSamples.grouped(card, '-'))) {
            String masked = ENGINE.mask(before + form + after);
            assertThat(masked).doesNotContain(form).doesNotContain(card.substring(6, card.length() - 4));
        }
    }

    @Property
    void cardsFailingLuhnAreNotCards(@ForAll("seeds") long seed) {
        String card = PiiSamples.randomCard(new Random(seed));
        char last = card.charAt(card.length() - 1);
        String broken = card.substring(0, card.length() - 1) + (char) (last == '9' ? '0' : last + 1);
        assertThat(ENGINE.explain("card " + broken + ".")).isEmpty();
    }

    @Property
    void noMobileSurvivesInAnySpelling(@ForAll("seeds") long seed, @ForAll("separator") String before,
            @ForAll("separator") String after) {
        String m = PiiSamples.randomMobile(new Random(seed));
        String spaced = m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7);
        for (String form : List.of(m, "+86" + m, "+86 " + m, "86" + m, spaced, "+86 " + spaced)) {
            String masked = ENGINE.mask(before + form + after);
            assertThat(masked).doesNotContain(m).doesNotContain(m.substring(3)).contains("tel#");
        }
    }

    @Property
    void valuesInsideLongerDigitRunsAreLeftAlone(@ForAll("seeds") long seed, @ForAll @IntRange(min = 0, max = 9) int side) {
        Random r = new Random(seed);
        String value = switch (r.nextInt(3)) {
            case 0 -> PiiSamples.randomResidentId(r);
            case 1 -> PiiSamples.randomMobile(r);
            default -> PiiSamples.randomCard(r);
        };
        StringBuilder padding = new StringBuilder();
        while (padding.length() + value.length() < 20) {
            padding.append((char) ('0' + r.nextInt(10)));
        }
        String run = side < 5 ? padding + value : value + padding;
        assertThat(ENGINE.explain("order " + run + " done")).isEmpty();
    }

    @Property(tries = 2000)
    void maskingIsIdempotent(@ForAll("texts") String text) {
        assertIdempotent(text);
    }

    /** Found by the property above: the "+86 " before a mobile, once masked, changed how the digits before it were read. */
    @net.jqwik.api.Example
    void aMaskedMobileDoesNotTurnTheDigitsBeforeItIntoACard() {
        assertIdempotent("6222 5638 7277 7467 750+86 13800138000 ");
        assertIdempotent("6222 5638 7277 7467 750+8613800138000 ");
        assertThat(ENGINE.mask("6222 5638 7277 7467 750+86 13800138000 ")).startsWith("6222 56** **** 7467 750");
    }

    private static void assertIdempotent(String text) {
        for (MaskingEngine engine : List.of(ENGINE, WITH_CUSTOM_AND_IP)) {
            String once = engine.mask(text);
            assertThat(engine.mask(once)).isEqualTo(once);
        }
    }

    @Property(tries = 150)
    void anySplitOfAStreamGivesTheOneShotResult(@ForAll("longTexts") String text, @ForAll("seeds") long seed) throws IOException {
        for (MaskingEngine engine : List.of(ENGINE, WITH_CUSTOM_AND_IP)) {
            StringWriter sink = new StringWriter();
            Random r = new Random(seed);
            try (MaskingWriter w = engine.writer(sink)) {
                int p = 0;
                while (p < text.length()) {
                    int n = Math.min(text.length() - p, r.nextInt(4) == 0 ? 1 + r.nextInt(7) : 1 + r.nextInt(5000));
                    w.write(text, p, n);
                    p += n;
                }
            }
            assertThat(sink.toString()).isEqualTo(engine.mask(text));
        }
    }

    @Property(tries = 100)
    void anyByteSplitOfAUtf8StreamGivesTheOneShotResult(@ForAll("longTexts") String text, @ForAll("seeds") long seed)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (MaskingEngine engine : List.of(ENGINE, WITH_CUSTOM_AND_IP)) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            Random r = new Random(seed);
            try (MaskingOutputStream out = engine.outputStream(sink)) {
                int p = 0;
                while (p < bytes.length) {
                    int n = Math.min(bytes.length - p, 1 + r.nextInt(r.nextBoolean() ? 3 : 9000));
                    out.write(bytes, p, n);
                    p += n;
                }
            }
            assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo(engine.mask(text));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return fragment().list().ofMinSize(1).ofMaxSize(40).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> longTexts() {
        return fragment().list().ofMinSize(200).ofMaxSize(6000).map(l -> String.join("", l));
    }

    /** Values, near-misses, numbers, words and glue in every combination the scanner has rules for. */
    static Arbitrary<String> fragment() {
        Arbitrary<String> values = Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            return switch (r.nextInt(12)) {
                case 0 -> PiiSamples.randomResidentId(r);
                case 1 -> PiiSamples.withWrongCheck(PiiSamples.randomResidentId(r));
                case 2 -> PiiSamples.randomMobile(r);
                case 3 -> "+86 " + PiiSamples.randomMobile(r);
                case 4 -> PiiSamples.randomCard(r);
                case 5 -> PiiSamples.grouped(PiiSamples.randomCard(r), r.nextBoolean() ? ' ' : '-');
                case 6 -> PiiSamples.randomEmail(r);
                case 7 -> (1 + r.nextInt(254)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
                case 8 -> "EMP-" + (100000 + r.nextInt(900000));
                case 9 -> Long.toString(Math.abs(r.nextLong()));
                case 10 -> "0x" + Long.toHexString(r.nextLong());
                default -> Integer.toString(r.nextInt(10000));
            };
        });
        Arbitrary<String> glue = Arbitraries.of(" ", "", "", "\n", "-", ".", "@", "+", "*", "x", "X", "a", "0", "1", "#",
                "\"", ":", ",", "中文", "😀", "mail.com", "@qq.com", "tel#", "[REDACTED]");
        return Combinators.combine(values, glue).as((v, g) -> v + g);
    }
}
