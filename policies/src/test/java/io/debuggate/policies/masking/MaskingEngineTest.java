package io.debuggate.policies.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingEngineTest {

    static final byte[] KEY = "test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final MaskingEngine ENGINE = MaskingEngine.defaults(KEY);
    static final String ID = PiiSamples.residentId("110101", "19900307", "123");

    private static String ruleOf(String text) {
        List<MaskingFinding> f = ENGINE.explain(text);
        return f.isEmpty() ? "none" : f.getFirst().ruleId();
    }

    @Test
    void residentIdKeepsRegionCodeAndLastFour() {
        assertThat(ENGINE.mask("身份证号：" + ID + "，请核对")).isEqualTo("身份证号：110101********" + ID.substring(14) + "，请核对");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // valid 18-digit ids: check character computed, X allowed (upper and lower case)
            "11010519491231002X, cn-resident-id",
            "11010519491231002x, cn-resident-id",
            "440305200002290010, cn-resident-id",
            // wrong check character, impossible dates, unknown province
            "110105194912310021, none",
            "440305199002300017, none",
            "440305190002290014, none",
            "990305199001010011, none",
            // legacy 15-digit form: region + YYMMDD + sequence
            "110105491231002, cn-resident-id",
            "110105491331002, none",
    })
    void residentIdsAreValidatedNotJustShaped(String text, String rule) {
        if (text.length() == 18 && rule.equals("cn-resident-id")) {
            assertThat(PiiSamples.checkChar(text.substring(0, 17))).isEqualTo(Character.toUpperCase(text.charAt(17)));
        }
        assertThat(ruleOf("id=" + text + ";")).isEqualTo(rule);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "13812345678|cn-mobile",
            "+8613812345678|cn-mobile",
            "8613812345678|cn-mobile",
            "008613812345678|cn-mobile",
            "+86 13812345678|cn-mobile",
            "+86-13812345678|cn-mobile",
            "138 1234 5678|cn-mobile",
            "138-1234-5678|cn-mobile",
            "+86 138 1234 5678|cn-mobile",
            "12812345678|none",
            "1381234567|none",
            "138123456789|none",
            "138 1234 56789|none",
            "138 1234 5678 9|cn-mobile",
    })
    void mobileNumbers(String text, String rule) {
        assertThat(ruleOf("电话 " + text + " 联系")).isEqualTo(rule);
    }

    @Test
    void mobileVariantsShareOneTrackingId() {
        String a = ENGINE.mask("13812345678");
        assertThat(a).matches("tel#[0-9a-f]{12}");
        assertThat(ENGINE.mask("+86 138-1234-5678")).isEqualTo(a);
        assertThat(ENGINE.mask("+8613812345678")).isEqualTo(a);
        assertThat(ENGINE.mask("13812345679")).isNotEqualTo(a);
        assertThat(MaskingEngine.defaults("another-key-0123456789".getBytes(StandardCharsets.UTF_8)).mask("13812345678"))
                .as("a different secret gives different ids").isNotEqualTo(a);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "4111111111111111|bank-card",
            "4111 1111 1111 1111|bank-card",
            "4111-1111-1111-1111|bank-card",
            "5500005555555559|bank-card",
            "6222021234567890128|bank-card",
            "6222 0212 3456 7890 128|bank-card",
            "378282246310005|bank-card",
            "3782 822463 10005|bank-card",
            "4222222222222|bank-card",
            "4111111111111112|none",
            "4111 1111 1111 1112|none",
            "1700000000123|none",
            "1234567812345670|none",
            "4111 1111 1111 1111 1111|bank-card",
    })
    void cardsNeedLuhnAndAnIssuer(String text, String rule) {
        assertThat(ruleOf("card: " + text + ".")).isEqualTo(rule);
    }

    @Test
    void cardKeepsFirstSixAndLastFourAndSeparators() {
        assertThat(ENGINE.mask("4111111111111111")).isEqualTo("411111******1111");
        assertThat(ENGINE.mask("4111 1111 1111 1111")).isEqualTo("4111 11** **** 1111");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "alice@example.com|email",
            "Bob.Smith+tag@mail.example.co.uk|email",
            "13812345678@163.com|email",
            "110101199003071234@qq.com|email",
            "a@b|none",
            "user@localhost|none",
            "@example.com|none",
            "alice@example.c0m|none",
    })
    void emails(String text, String rule) {
        assertThat(ruleOf("mail <" + text + "> now")).isEqualTo(rule);
    }

    @Test
    void emailIsOneFindingEvenWhenTheLocalPartIsAPhone() {
        List<MaskingFinding> f = ENGINE.explain("reach 13812345678@163.com");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("email");
            assertThat(x.start()).isEqualTo(6);
            assertThat(x.replacement()).matches("email#[0-9a-f]{12}");
        });
        assertThat(ENGINE.mask("ALICE@Example.com")).isEqualTo(ENGINE.mask("alice@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "order 20231105123456789012 created",          // 20-digit order id
            "order id 202311051234567890 paid",            // 18 digits, not an id, starts with 2
            "ts=1700000000123 ms",                          // millisecond timestamp
            "ts=1700000000123456 us 1700000000123456789 ns", // micro/nano seconds
            "main.handle(0xc00004df98, {0x841acb, 0x15})",  // goroutine dump arguments
            "\t/src/app/main.go:24 +0x1a5",                 // frame offset
            "created by main.main in goroutine 1 @ 0x43a1b6 0x13812345678",
            "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span=00f067aa0ba902b7",
            "uuid 550e8400-e29b-41d4-a716-446655440000",
            "user13812345678 and 13812345678abc",           // glued to letters
            "x86_64 amd64 go1.19.13 linux",
            "pid 13812 port 45678 size 4111111111",
    })
    void noFalsePositives(String text) {
        assertThat(ENGINE.explain(text)).isEmpty();
        assertThat(ENGINE.mask(text)).isSameAs(text);
    }

    @Test
    void ipv4IsOffByDefaultAndValidatedWhenOn() {
        assertThat(ENGINE.explain("from 10.1.2.3")).isEmpty();
        MaskingEngine withIp = MaskingEngine.of(MaskingPolicy.defaults().withBuiltin(BuiltinDetector.IPV4,
                BuiltinRule.on(new ReplacementStyle.Redact("[REDACTED:ipv4]"))), KEY);
        assertThat(withIp.mask("from 10.1.2.3:8080 via 192.168.0.1.")).isEqualTo("from [REDACTED:ipv4]:8080 via [REDACTED:ipv4].");
        assertThat(withIp.explain("v1.20.2.3.4 256.1.1.1 1.2.3 go1.19.1.2")).isEmpty();
    }

    @Test
    void customRulesRunAfterBuiltinsAndNeverOverlapThem() {
        MaskingEngine engine = MaskingEngine.of(MaskingPolicy.defaults().withCustomRules(List.of(
                new CustomRule("api-key", Pattern.compile("\\bsk_live_[A-Za-z0-9]{8,}\\b"), new ReplacementStyle.Redact("[REDACTED:api-key]")),
                new CustomRule("employee", Pattern.compile("\\bEMP-\\d{6}\\b"), new ReplacementStyle.TrackingId("emp", 8)))), KEY);
        String masked = engine.mask("key sk_live_abcDEF123456 for EMP-123456 tel 13812345678");
        assertThat(masked).startsWith("key [REDACTED:api-key] for emp#").contains(" tel tel#");
        assertThat(engine.mask(masked)).isEqualTo(masked);
        assertThat(engine.explain("EMP-123456").getFirst().ruleId()).isEqualTo("employee");
    }

    @Test
    void explainNamesRuleOffsetsAndReplacementButNeverTheValue() {
        String text = "张三 " + ID + " 13812345678";
        List<MaskingFinding> f = ENGINE.explain(text);
        assertThat(f).extracting(MaskingFinding::ruleId).containsExactly("cn-resident-id", "cn-mobile");
        assertThat(f.get(0).start()).isEqualTo(3);
        assertThat(f.get(0).end()).isEqualTo(21);
        assertThat(f.toString()).doesNotContain(ID).doesNotContain("13812345678");
    }

    @Test
    void maskingIsIdempotentOnAMixedSample() {
        String text = "{\"id\":\"" + ID + "\",\"tel\":\"+86 138 1234 5678\",\"card\":\"6222 0212 3456 7890 128\","
                + "\"mail\":\"zhang.wei@corp.example.cn\"} 13812345678 4111111111111111-john@x.com";
        String once = ENGINE.mask(text);
        assertThat(ENGINE.mask(once)).isEqualTo(once);
        assertThat(once).doesNotContain(ID, "1234 5678", "0212 3456 7890", "zhang.wei");
    }

    @Test
    void badConfigurationIsRejectedWithTheFix() {
        assertThatThrownBy(() -> MaskingEngine.defaults(new byte[8]))
                .hasMessageContaining("at least 16 bytes, got 8");
        assertThatThrownBy(() -> new ReplacementStyle.Redact("id 1"))
                .hasMessageContaining("must not start or end with a digit");
        assertThatThrownBy(() -> new ReplacementStyle.TrackingId("tel", 16))
                .hasMessageContaining("between 8 and 12, got 16");
        assertThatThrownBy(() -> new CustomRule("x", Pattern.compile("a*"), new ReplacementStyle.Redact("***")))
                .hasMessageContaining("matches the empty string");
        assertThatThrownBy(() -> new CustomRule("stars", Pattern.compile("\\*+"), new ReplacementStyle.Redact("***")))
                .hasMessageContaining("matches its own redaction text");
    }
}
