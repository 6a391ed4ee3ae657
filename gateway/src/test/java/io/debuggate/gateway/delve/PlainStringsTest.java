package io.debuggate.gateway.delve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainStringsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aHitNeedsTheExactBytesNotJustTheSameHash() {
        PlainStrings table = new PlainStrings();
        byte[] known = bytes("xx/usr/lib/go/src/runtime/proc.go");
        table.remember(known, 2, known.length, 1);
        // same length, same first and last eight bytes: the same hash, different text
        byte[] lookalike = bytes("/usr/lib/13812345678xxx/proc.go");
        assertThat(table.verdict(known, 2, known.length)).isEqualTo(1);
        assertThat(table.verdict(lookalike, 0, lookalike.length)).isEqualTo(-1);
    }

    @Test
    void longStringsAreNeverKeptAndAFullTableStopsRemembering() {
        PlainStrings table = new PlainStrings();
        byte[] tooLong = bytes("a".repeat(PlainStrings.MAX_LENGTH + 1));
        table.remember(tooLong, 0, tooLong.length, 0);
        assertThat(table.verdict(tooLong, 0, tooLong.length)).isEqualTo(-1);
        for (int k = 0; k < 20_000; k++) {
            byte[] name = bytes("main.function" + k);
            table.remember(name, 0, name.length, 0);
        }
        assertThat(table.size()).isLessThanOrEqualTo(1 << 12);
        byte[] early = bytes("main.function1");
        assertThat(table.verdict(early, 0, early.length)).isZero();
    }
}
