package io.debuggate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.approval.RequestState;
import io.debuggate.approval.SignatureRole;
import io.debuggate.approval.policy.DualSignaturePolicy;
import io.debuggate.approval.request.DraftVocabulary;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.chain.ChainBreak;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every UI string exists in English and Chinese, every key a template names exists, and every
 * value the pages turn into a key (states, rules, modes, outcomes, chain breaks) has its text.
 */
class WebMessagesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        assertThat(load("messages_zh_CN.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
    }

    @Test
    void everyKeyTheTemplatesNameExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = LITERAL_KEY.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(keys).containsAll(used);
    }

    @Test
    void everyValueThePagesLookUpHasItsText() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        List<String> needed = new ArrayList<>();
        for (RequestState state : RequestState.values()) {
            needed.add("state." + state);
        }
        for (RequestState state : List.of(RequestState.REJECTED, RequestState.EXPIRED, RequestState.CANCELLED,
                RequestState.REVOKED, RequestState.PENDING, RequestState.PARTIALLY_SIGNED)) {
            needed.add("state." + state + ".explain");
        }
        for (SignatureRole role : SignatureRole.values()) {
            needed.add("role." + role);
        }
        for (String rule : List.of(DualSignaturePolicy.REQUEST_PENDING, DualSignaturePolicy.APPROVAL_WINDOW_OPEN,
                DualSignaturePolicy.NOT_THE_REQUESTER, DualSignaturePolicy.IN_REQUIRED_GROUP,
                DualSignaturePolicy.NOT_SIGNED_SIBLING, DualSignaturePolicy.TASK_STILL_OPEN,
                DualSignaturePolicy.CONTENT_UNCHANGED, "may-revoke", "grant-active", "requester-only", "no-open-task",
                "auditors-only", "state")) {
            needed.add("rule." + rule);
        }
        for (String mode : DraftVocabulary.MODES) {
            needed.add("mode." + mode + ".title");
            needed.add("mode." + mode + ".explain");
        }
        for (String tool : DraftVocabulary.TOOLS) {
            needed.add("tool." + tool);
        }
        for (AuditOutcome outcome : AuditOutcome.values()) {
            needed.add("outcome." + outcome.name().toLowerCase(Locale.ROOT));
        }
        for (ChainBreak.Kind kind : ChainBreak.Kind.values()) {
            needed.add("break." + kind);
        }
        for (String breaker : List.of("unknown", "closed", "open", "half_open")) {
            needed.add("breaker." + breaker);
        }
        for (String field : FormErrors.FIELD_ORDER) {
            needed.add("field." + field);
        }
        needed.add("field.form");
        assertThat(keys).containsAll(needed);
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = WebMessagesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
