package io.debuggate.audit.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The encoder writes events straight from Java values; the verifier re-writes what it parses. Both
 * must give the same bytes for any content, or honest events would look altered.
 */
class EncoderMatchesCanonicalFormTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] TEXTS = {"", "plain", "quote \" and \\ backslash", "line\nbreak\ttab\r\u0000\u001f",
        "é ü 中文 日本語 😀 \ud83d\ude00", "</script>", "{\"json\":[1,2]}", "trailing space ", "\u007f del", "Ω≈ç√"};

    @Test
    void encodedBytesAreTheCanonicalFormOfTheirOwnParse() {
        Random random = new Random(20261126);
        AuditEventEncoder encoder = new AuditEventEncoder("gw.check_1");
        for (int round = 0; round < 500; round++) {
            AuditRecord.Builder record = AuditRecord.of(pick(random), AuditOutcome.values()[random.nextInt(3)],
                    pick(random));
            if (random.nextBoolean()) {
                record.session(pick(random)).target(pick(random)).request(pick(random)).reason(pick(random));
            }
            if (random.nextBoolean()) {
                record.trace(pick(random));
            }
            for (int d = random.nextInt(5); d > 0; d--) {
                record.detail(pick(random) + d, value(random, 3));
            }
            EncodedEvent event = encoder.encode(record.build(), 1 + random.nextInt(1_000_000),
                    ChainHash.sha256Hex(new byte[] {(byte) round}), java.time.Instant.ofEpochMilli(
                            random.nextLong(0, 4_000_000_000_000L)));

            JsonNode parsed = JSON.readTree(event.payload());
            assertThat(new String(CanonicalJson.bytes(parsed), StandardCharsets.UTF_8))
                    .isEqualTo(new String(event.payload(), StandardCharsets.UTF_8));
            assertThat(AuditEventEncoder.expectedHash(parsed)).isEqualTo(event.hash());
        }
    }

    private static String pick(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 12 : 9);
        return switch (kind) {
            case 0 -> pick(random);
            case 1 -> random.nextLong();
            case 2 -> random.nextInt();
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 4 -> random.nextFloat();
            case 5 -> new BigInteger(100, random);
            case 6 -> new BigDecimal("12.50");
            case 7 -> random.nextBoolean();
            case 8 -> random.nextBoolean() ? 3.0 : -0.0;
            case 9 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(pick(random) + i, value(random, depth - 1));
                }
                yield map;
            }
            case 10 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(random.nextInt(5) == 0 ? null : value(random, depth - 1));
                }
                yield list;
            }
            default -> Arrays.asList(pick(random), random.nextInt(10));
        };
    }
}
