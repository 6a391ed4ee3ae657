package io.debuggate.policies.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class JsonAndDelveMaskingTest {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final MaskingEngine ENGINE = MaskingEngine.of(MaskingPolicy.defaults()
            .withGoTypes(List.of("main.Credentials", "example.com/vault.*")), MaskingEngineTest.KEY);

    static JsonNode json(String s) {
        return JSON.readTree(s);
    }

    @Test
    void everyStringValueAndKeyIsMaskedAndSecretFieldsAreRedactedWhole() {
        JsonNode in = json("""
                {"user":{"name":"张三","phone":"13812345678","idCard":"11010519491231002X","Password":{"old":"a","new":"b"}},
                 "contacts":{"alice@example.com":"friend"}, "n":13812345678, "pc":8181551, "ok":true, "none":null,
                 "access_token":"eyJhbGciOi", "list":["4111 1111 1111 1111", 42]}""");
        JsonNode out = new JsonMasker(ENGINE).mask(in);
        String text = out.toString();
        assertThat(text).doesNotContain("13812345678", "11010519491231002X", "alice@example.com", "4111 1111 1111 1111",
                "eyJhbGciOi", "\"old\"");
        assertThat(out.at("/user/idCard").stringValue()).isEqualTo(MaskingPolicy.FIELD_REDACTION);
        assertThat(out.at("/user/Password").stringValue()).isEqualTo(MaskingPolicy.FIELD_REDACTION);
        assertThat(out.at("/user/phone").stringValue()).startsWith("tel#");
        assertThat(out.at("/n").isString()).as("a phone stored as a number is masked too").isTrue();
        assertThat(out.at("/pc").intValue()).isEqualTo(8181551);
        assertThat(out.at("/contacts").propertyNames()).singleElement().asString().startsWith("email#");
        assertThat(out.at("/list/1").intValue()).isEqualTo(42);
        assertThat(in.at("/user/phone").stringValue()).as("input untouched").isEqualTo("13812345678");
    }

    @Test
    void keysThatMaskToTheSameTextKeepBothValues() {
        MaskingEngine keep = MaskingEngine.of(MaskingPolicy.defaults().withBuiltin(BuiltinDetector.CN_MOBILE,
                BuiltinRule.on(new ReplacementStyle.Keep(3, 4))), MaskingEngineTest.KEY);
        JsonNode out = new JsonMasker(keep).mask(json("{\"13812345678\":1,\"13899995678\":2}"));
        assertThat(out.propertyNames()).containsExactly("138****5678", "138****5678~2");
    }

    /** The Eval result observed in debug-protocols.md §7.3, plus a map and blocked types. */
    @Test
    void delveVariablesAreMaskedStructurally() {
        String raw = Base64.getEncoder().encodeToString("tel=13812345678\u00ff".getBytes(StandardCharsets.ISO_8859_1));
        JsonNode result = json("""
                {"Variable":{"name":"c","addr":13758215386640154880,"type":"*main.Customer","realType":"*main.Customer",
                 "kind":22,"value":"824634032024","len":1,"children":[
                  {"name":"","type":"main.Customer","kind":25,"value":"","len":5,"children":[
                    {"name":"Name","type":"string","kind":24,"value":"Alice Example","len":13,"children":[]},
                    {"name":"Email","type":"string","kind":24,"value":"alice@example.com","len":17,"children":[]},
                    {"name":"SSN","type":"string","kind":24,"value":"123-45-6789","len":11,"children":[]},
                    {"name":"Note","type":"string","kind":24,"value":"","StringValueBytes":"%s","len":16,"children":[]},
                    {"name":"Creds","type":"*main.Credentials","kind":22,"value":"824634040000","len":1,"children":[
                      {"name":"","type":"main.Credentials","kind":25,"value":"","len":1,"children":[
                        {"name":"Key","type":"string","kind":24,"value":"k-9f8e7d","len":8,"children":[]}]}]},
                    {"name":"Meta","type":"map[string]string","kind":21,"value":"","len":2,"children":[
                      {"name":"","type":"string","kind":24,"value":"api_token","len":9,"children":[]},
                      {"name":"","type":"string","kind":24,"value":"s3cr3t-value","len":12,"children":[]},
                      {"name":"","type":"string","kind":24,"value":"13812345678","len":11,"children":[]},
                      {"name":"","type":"string","kind":24,"value":"card=4111111111111111","len":21,"children":[]}]}]}],
                 "unreadable":"","LocationExpr":"[0x3859:0x7cd72f] DW_OP_reg3(Rbx)","DeclLine":24}}""".formatted(raw));
        JsonNode out = new DelveVariableMasker(ENGINE).maskTree(result);
        String text = out.toString();
        assertThat(text).doesNotContain("alice@example.com", "123-45-6789", "k-9f8e7d", "s3cr3t-value", "13812345678",
                "4111111111111111");
        JsonNode fields = out.at("/Variable/children/0/children");
        assertThat(fields.get(0).get("value").stringValue()).isEqualTo("Alice Example");
        JsonNode email = fields.get(1);
        assertThat(email.get("len").intValue()).as("len of a masked string is the masked text's, not the customer's")
                .isEqualTo(email.get("value").stringValue().length()).isNotEqualTo(17);
        assertThat(fields.get(0).get("len").intValue()).as("unmasked strings keep Delve's len").isEqualTo(13);
        assertThat(fields.get(2).get("value").stringValue()).as("SSN by field name").isEqualTo(MaskingPolicy.FIELD_REDACTION);
        assertThat(new String(Base64.getDecoder().decode(fields.get(3).get("StringValueBytes").stringValue()),
                StandardCharsets.ISO_8859_1)).startsWith("tel=tel#").endsWith("\u00ff");
        JsonNode creds = fields.get(4);
        assertThat(creds.get("value").stringValue()).isEqualTo("[REDACTED:type]");
        assertThat(creds.get("children")).isEmpty();
        assertThat(creds.get("type").stringValue()).isEqualTo("*main.Credentials");
        JsonNode map = fields.get(5).get("children");
        assertThat(map.get(0).get("value").stringValue()).isEqualTo("api_token");
        assertThat(map.get(1).get("value").stringValue()).as("value of a secret-named key").isEqualTo(MaskingPolicy.FIELD_REDACTION);
        assertThat(map.get(2).get("value").stringValue()).as("map keys are masked").startsWith("tel#");
        assertThat(map.get(3).get("value").stringValue()).isEqualTo("card=411111******1111");
        assertThat(out.at("/Variable/addr").bigIntegerValue()).as("numbers stay numbers for Delve clients")
                .isEqualTo(new java.math.BigInteger("13758215386640154880"));
    }

    @Test
    void goroutineLabelsAndErrorsInDelveResultsAreMasked() {
        JsonNode out = new DelveVariableMasker(ENGINE).maskTree(json("""
                {"Goroutines":[{"id":19,"labels":{"user":"alice@example.com"},"currentLoc":{"pc":8181551,"file":"/src/app/main.go"}}]}"""));
        assertThat(out.at("/Goroutines/0/labels/user").stringValue()).startsWith("email#");
        assertThat(out.at("/Goroutines/0/currentLoc/pc").intValue()).isEqualTo(8181551);
    }

    @Test
    void goTypeBlocklistMatchesContainersAndPackages() {
        GoTypeBlocklist b = new GoTypeBlocklist(List.of("main.Credentials", "example.com/vault.*"));
        assertThat(b.matches("[]*main.Credentials")).isTrue();
        assertThat(b.matches("[4]main.Credentials")).isTrue();
        assertThat(b.matches("chan example.com/vault.Token")).isTrue();
        assertThat(b.matches("main.CredentialsView")).isFalse();
        assertThat(new FieldNameRules(MaskingPolicy.DEFAULT_FIELD_NAMES).matches("password[5:]")).isTrue();
        assertThat(new FieldNameRules(MaskingPolicy.DEFAULT_FIELD_NAMES).matches("c.Email")).isFalse();
    }
}
