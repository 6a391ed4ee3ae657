package io.debuggate.policies.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scanner's skip loop ({@link CandidateFinder}) against a scanner that judges every position:
 * skipping may only save work, never change a finding, whatever the alignment of a value in the
 * eight-byte words, the scan bounds or the detectors turned on.
 */
class SkipLoopTest {

    private static final int ID = BuiltinDetector.CN_RESIDENT_ID.ordinal();
    private static final int MOBILE = BuiltinDetector.CN_MOBILE.ordinal();
    private static final int CARD = BuiltinDetector.BANK_CARD.ordinal();
    private static final int EMAIL = BuiltinDetector.EMAIL.ordinal();

    @Property(tries = 3000)
    void skippingFindsExactlyWhatScanningEveryPositionFinds(@ForAll("texts") String text, @ForAll("seeds") long seed) {
        Random r = new Random(seed);
        boolean id = r.nextInt(4) != 0;
        boolean mobile = r.nextInt(4) != 0;
        boolean card = r.nextInt(4) != 0;
        boolean email = r.nextInt(4) != 0;
        byte[] a = ByteClass.latin1(text);
        int from = r.nextBoolean() ? 0 : r.nextInt(a.length + 1);
        int to = r.nextBoolean() ? a.length : from + r.nextInt(a.length - from + 1);
        int lastEnd = r.nextBoolean() ? 0 : r.nextInt(from + 1);
        assertThat(findings(new PiiScanner(id, mobile, card, email, false, true), a, from, to, lastEnd))
                .as("from=%d to=%d lastEnd=%d id=%b mobile=%b card=%b email=%b", from, to, lastEnd, id, mobile, card, email)
                .isEqualTo(findings(new PiiScanner(id, mobile, card, email, false, false), a, from, to, lastEnd));
    }

    /**
     * Each value at every offset against the eight-byte words and across the end of the first 64-byte
     * block, and ending at every distance from the end of the text.
     */
    @Example
    void aValueIsFoundAtEveryAlignment() {
        Random r = new Random(7);
        String card = PiiSamples.randomCard(r);
        List<Object[]> values = List.of(
                new Object[] {PiiSamples.randomMobile(r), MOBILE},
                new Object[] {"138 1234 5678", MOBILE},
                new Object[] {"+86 13812345678", MOBILE},
                new Object[] {card, CARD},
                new Object[] {PiiSamples.grouped(card, '-'), CARD},
                new Object[] {PiiSamples.residentId("110101", "19900307", "123"), ID},
                new Object[] {"11010519491231002X", ID},
                new Object[] {"alice@example.com", EMAIL},
                new Object[] {"13812345678.bob@example.com", EMAIL});
        PiiScanner scanner = new PiiScanner(true, true, true, true, false);
        for (Object[] v : values) {
            String value = (String) v[0];
            for (int before = 0; before <= 72; before++) {
                for (int after = 0; after <= 24; after++) {
                    String text = "ab 12 0x1f ".repeat(7).substring(0, before) + " | " + value + " | " + "trace 9f8e 42 ".repeat(2).substring(0, after);
                    byte[] a = ByteClass.latin1(text);
                    Findings f = new Findings();
                    scanner.scan(a, 0, a.length, 0, f);
                    assertThat(f.size).as("'%s'", text).isEqualTo(1);
                    assertThat(text.substring(f.start[0], f.end[0])).as("'%s'", text).isEqualTo(value);
                    assertThat(f.rule[0]).as("'%s'", text).isEqualTo((int) v[1]);
                }
            }
        }
    }

    /** A run that began before the scan start was judged where it began: no stop inside it. */
    @Example
    void aRunCrossingTheScanStartIsNoStop() {
        byte[] a = ByteClass.latin1("order 913812345678 and more text after it, long enough for words");
        for (int from = 7; from <= 12; from++) {
            assertThat(new CandidateFinder(a, from, a.length, true, true).next(from)).as("from=%d", from).isEqualTo(a.length);
        }
        assertThat(new CandidateFinder(a, 0, a.length, true, true).next(0)).isEqualTo(a.length);
        byte[] b = ByteClass.latin1("tel 13812345678 and more text after it, long enough for words");
        assertThat(new CandidateFinder(b, 0, b.length, true, true).next(0)).isEqualTo(4);
        assertThat(new CandidateFinder(b, 0, b.length, false, true).next(0)).isEqualTo(b.length);
    }

    @Example
    void anAtSignStopsOnlyWithEmailOn() {
        String text = "x".repeat(37) + "@" + "y".repeat(20);
        byte[] a = ByteClass.latin1(text);
        for (int from = 0; from <= 37; from++) {
            assertThat(new CandidateFinder(a, from, a.length, true, true).next(from)).isEqualTo(37);
            assertThat(new CandidateFinder(a, from, a.length, true, false).next(from)).isEqualTo(a.length);
        }
    }

    /** The word masks agree with the byte tests for every byte value in every lane. */
    @Example
    void wordMasksAgreeWithTheByteTests() {
        byte[] a = new byte[8];
        for (int lane = 0; lane < 8; lane++) {
            for (int v = 0; v < 256; v++) {
                java.util.Arrays.fill(a, (byte) (v ^ 0x5a));
                a[lane] = (byte) v;
                long x = ByteClass.word(a, 0);
                for (int k = 0; k < 8; k++) {
                    assertThat((ByteClass.digitBits(x) >>> (8 * k + 7)) & 1).isEqualTo(ByteClass.isDigit(a[k]) ? 1L : 0L);
                    assertThat((ByteClass.atBits(x) >>> (8 * k + 7)) & 1).isEqualTo(a[k] == '@' ? 1L : 0L);
                }
                assertThat(ByteClass.digitBits(x) & ~ByteClass.HIGH).isZero();
                assertThat(ByteClass.atBits(x) & ~ByteClass.HIGH).isZero();
            }
        }
    }

    private static List<List<Integer>> findings(PiiScanner scanner, byte[] a, int from, int to, int lastEnd) {
        Findings f = new Findings();
        scanner.scan(a, from, to, lastEnd, f);
        List<List<Integer>> out = new ArrayList<>();
        for (int k = 0; k < f.size; k++) {
            out.add(List.of(f.start[k], f.end[k], f.rule[k]));
        }
        return out;
    }

    @Provide
    Arbitrary<String> texts() {
        return MaskingPropertiesTest.fragment().list().ofMinSize(1).ofMaxSize(60).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
