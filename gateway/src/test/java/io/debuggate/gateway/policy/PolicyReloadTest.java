package io.debuggate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.cli.CliContext;
import io.debuggate.cli.Dgate;
import io.debuggate.cli.auth.Sleeper;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.RawTunnelClient;
import io.debuggate.gateway.tunnel.TunnelTestSessions;
import io.debuggate.policies.PolicyLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Policy changes without a restart: an admin reloads the policy file, the next request of a
 * session that is already granted meets the new bound, and the audit trail names the admin, the
 * diff and both digests. A malformed file or a health change is refused and the old policy stays; new
 * masking rules apply to the next message.
 * Also the explain API and {@code dgate policy explain} against this gateway.
 */
class PolicyReloadTest extends GatewayIntegrationTest {

    static final Path FILE = policyFile();
    static final String DEFAULT = defaultText();
    /** Narrows pprof for the demo target: every profile at most 1 s. */
    static final String NARROWED = DEFAULT + """
            overrides:
              - description: payment services get short profiles
                match: {target: payment-svc/*}
                modes:
                  pprof:
                    pprof: {maxSeconds: 1}
            """;

    @TempDir
    Path cliHome;

    @DynamicPropertySource
    static void policyProperties(DynamicPropertyRegistry registry) {
        registry.add("debuggate.policy.file", FILE::toString);
    }

    static Path policyFile() {
        try {
            Path file = Files.createTempFile("debuggate-policy-", ".yaml");
            Files.writeString(file, defaultText());
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String defaultText() {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every test starts from the shipped default in force. */
    @BeforeEach
    void restoreTheDefault() throws Exception {
        Files.writeString(FILE, DEFAULT);
        GatewayClient.Response reload = gateway().post("admin", "/api/admin/policy/reload", Map.of());
        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
    }

    @Test
    void aReloadNarrowsTheNextRequestOfARunningSessionAndIsAuditedWithTheDiff() throws Exception {
        awaitDemoTarget();
        GatewayClient gw = gateway();
        String session = grantedSession(gw, List.of("profile"));
        String before = gw.get("admin", "/api/admin/policy").json().get("sha256").asString();
        GatewayClient.Response wide = gw.get("alice", "/api/sessions/" + session + "/pprof/profile?seconds=31");
        assertThat(wide.status()).isEqualTo(400);
        assertThat(wide.body()).contains("use seconds between 1 and 30");

        Files.writeString(FILE, NARROWED);
        GatewayClient.Response reload = gw.post("admin", "/api/admin/policy/reload", Map.of());

        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
        JsonNode outcome = reload.json();
        assertThat(outcome.get("changed").asBoolean()).isTrue();
        assertThat(outcome.get("oldSha256").asString()).isEqualTo(before);
        assertThat(outcome.get("newSha256").asString()).isNotEqualTo(before).hasSize(64);
        assertThat(texts(outcome.get("diff"))).contains("overrides[0].match: added target=payment-svc/*",
                "overrides[0].modes.pprof: added {pprof.maxSeconds=1}");
        GatewayClient.Response narrowed = gw.get("alice", "/api/sessions/" + session + "/pprof/profile?seconds=2");
        assertThat(narrowed.status()).as("same session, no restart").isEqualTo(400);
        assertThat(narrowed.body()).contains("use seconds between 1 and 1");

        JsonNode shown = gw.get("admin", "/api/admin/policy").json();
        assertThat(shown.get("sha256").asString()).isEqualTo(outcome.get("newSha256").asString());
        assertThat(shown.get("loadedBy").asString()).isEqualTo("admin");
        assertThat(shown.get("source").asString()).isEqualTo(FILE.toAbsolutePath().normalize().toString());
        assertThat(shown.get("overrides").get(0).get("line").asInt()).as("the line of '- description'")
                .isEqualTo(DEFAULT.split("\n", -1).length + 1);

        String newSha = outcome.get("newSha256").asString();
        JsonNode event = awaitEvent(gw, "/api/audit/events?action=policy.changed&user=admin&size=100",
                e -> newSha.equals(e.path("details").path("newSha256").asString()));
        assertThat(event.get("outcome").asString()).isEqualToIgnoringCase("success");
        assertThat(event.get("details").get("oldSha256").asString()).isEqualTo(before);
        assertThat(event.get("details").get("newSha256").asString()).isEqualTo(outcome.get("newSha256").asString());
        assertThat(texts(event.get("details").get("diff"))).contains("overrides[0].modes.pprof: added {pprof.maxSeconds=1}");
    }

    @Test
    void aLiveDelveConnectionMeetsTheReloadedPolicyAtItsNextMessage() throws Exception {
        awaitDemoTarget();
        GatewayClient gw = gateway();
        String session = TunnelTestSessions.grantedDelveSession(gw, "interactive");
        try (RawTunnelClient c = RawTunnelClient.open(port, session, gw.token("alice"))) {
            c.send("{\"method\":\"RPCServer.GetVersion\",\"params\":[{}],\"id\":1}");
            assertThat(c.awaitReplyTo("1", Duration.ofSeconds(10))).contains("\"DelveVersion\"");

            Files.writeString(FILE, DEFAULT + """
                    overrides:
                      - match: {target: payment-svc/*}
                        modes:
                          interactive:
                            delve: {removeMethods: [GetVersion]}
                    """);
            assertThat(gw.post("admin", "/api/admin/policy/reload", Map.of()).status()).isEqualTo(200);

            c.send("{\"method\":\"RPCServer.GetVersion\",\"params\":[{}],\"id\":2}");
            assertThat(c.awaitReplyTo("2", Duration.ofSeconds(10))).as("same connection, next message")
                    .contains("denied by policy interactive").contains("GetVersion is not allowed in this mode");
        }
    }

    @Test
    void aMalformedFileIsRefusedWithItsLineAndTheOldPolicyStays() throws Exception {
        GatewayClient gw = gateway();
        Files.writeString(FILE, NARROWED);
        assertThat(gw.post("admin", "/api/admin/policy/reload", Map.of()).status()).isEqualTo(200);
        String inForce = gw.get("admin", "/api/admin/policy").json().get("sha256").asString();

        Files.writeString(FILE, NARROWED.replace("pprof: {maxSeconds: 1}", "pprof: {maxSeconds: 600}"));
        GatewayClient.Response invalid = gw.post("admin", "/api/admin/policy/reload", Map.of());
        Files.writeString(FILE, DEFAULT.replace("  maxGrantDuration: 2h", "  maxGrantDuration: [2h"));
        GatewayClient.Response malformed = gw.post("admin", "/api/admin/policy/reload", Map.of());
        Files.writeString(FILE, NARROWED.replace("  calmPeriod: 10m", "  calmPeriod: 5m"));
        GatewayClient.Response health = gw.post("admin", "/api/admin/policy/reload", Map.of());

        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.json().get("file").asString()).isEqualTo(FILE.toAbsolutePath().normalize().toString());
        assertThat(invalid.json().get("line").asInt()).isEqualTo(DEFAULT.split("\n", -1).length + 5);
        assertThat(invalid.json().get("detail").asString()).contains("must be between 1 and 300, got 600")
                .endsWith("the policy in force is unchanged");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("reason").asString()).startsWith("malformed YAML");
        assertThat(health.status()).as(health.body()).isEqualTo(409);
        assertThat(health.json().get("detail").asString()).contains("the file changes health")
                .contains("restart the gateway").contains("health.calmPeriod");
        assertThat(gw.get("admin", "/api/admin/policy").json().get("sha256").asString()).as("old policy in force")
                .isEqualTo(inForce);
        int line = DEFAULT.split("\n", -1).length + 5;
        JsonNode refused = awaitEvent(gw, "/api/audit/events?action=policy.reload_refused&user=admin&size=100",
                e -> e.path("reason").asString().contains("got 600"));
        assertThat(refused.get("reason").asString()).contains("line " + line + ",");
        assertThat(refused.get("outcome").asString()).isEqualToIgnoringCase("failure");
    }

    @Test
    void newMaskingRulesApplyToTheNextMessageAndTrackingIdsStayComparable() throws Exception {
        GatewayClient gw = gateway();
        Files.writeString(FILE, DEFAULT);
        assertThat(gw.post("admin", "/api/admin/policy/reload", Map.of()).status()).isEqualTo(200);
        String sample = "client 10.20.30.40 called 13812345678";
        String before = gw.post("alice", "/api/policy/explain", Map.of("text", sample)).json().get("masked").asString();
        try {
            Files.writeString(FILE, DEFAULT.replace("ipv4: {enabled: false,", "ipv4: {enabled: true,"));
            GatewayClient.Response reload = gw.post("admin", "/api/admin/policy/reload", Map.of());
            assertThat(reload.status()).as(reload.body()).isEqualTo(200);
            assertThat(reload.body()).contains("masking.rules.ipv4");

            String after = gw.post("alice", "/api/policy/explain", Map.of("text", sample)).json().get("masked").asString();
            assertThat(before).contains("10.20.30.40");
            assertThat(after).doesNotContain("10.20.30.40").doesNotContain("13812345678");
            assertThat(after.substring(after.indexOf("tel#"))).as("same key: the same tracking id as before the reload")
                    .isEqualTo(before.substring(before.indexOf("tel#")));
        } finally {
            Files.writeString(FILE, DEFAULT);
            assertThat(gw.post("admin", "/api/admin/policy/reload", Map.of()).status()).isEqualTo(200);
        }
    }

    @Test
    void onlyAdminsSeeOrReloadThePolicy() throws Exception {
        GatewayClient gw = gateway();
        for (String user : List.of("alice", "erin", "carol")) {
            GatewayClient.Response reload = gw.post(user, "/api/admin/policy/reload", Map.of());
            assertThat(reload.status()).as(user).isEqualTo(403);
            assertThat(reload.json().get("detail").asString()).contains(user + " is not in the group admins");
            assertThat(gw.get(user, "/api/admin/policy").status()).as(user).isEqualTo(403);
        }
        assertThat(gw.post(null, "/api/admin/policy/reload", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void explainShowsWhichRuleMaskedWhatAndTheOverridesOfATarget() throws Exception {
        GatewayClient gw = gateway();
        Files.writeString(FILE, NARROWED);
        assertThat(gw.post("admin", "/api/admin/policy/reload", Map.of()).status()).isEqualTo(200);
        String sample = "call 13812345678 or mail Zhang.Wei@example.com";

        GatewayClient.Response answer = gw.post("alice", "/api/policy/explain",
                Map.of("text", sample, "target", "payment-svc/demo-0", "mode", "pprof"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode body = answer.json();
        String masked = body.get("masked").asString();
        assertThat(masked).startsWith("call tel#").contains(" or mail email#").doesNotContain("13812345678", "Zhang.Wei");
        JsonNode findings = body.get("findings");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).get("rule").asString()).isEqualTo("cn-mobile");
        assertThat(findings.get(0).get("start").asInt()).isEqualTo(5);
        assertThat(findings.get(0).get("end").asInt()).isEqualTo(16);
        assertThat(masked).contains(findings.get(0).get("replacement").asString());
        assertThat(findings.get(1).get("rule").asString()).isEqualTo("email");
        assertThat(sample.substring(findings.get(1).get("start").asInt(), findings.get(1).get("end").asInt()))
                .isEqualTo("Zhang.Wei@example.com");
        assertThat(body.get("overrides").get(0).get("match").asString()).isEqualTo("target=payment-svc/*");
        assertThat(body.get("mode").get("pprofMaxSeconds").get("profile").asInt()).isEqualTo(1);
        assertThat(gw.post("alice", "/api/policy/explain", Map.of("text", sample, "mode", "pprof")).status()).isEqualTo(400);
        assertThat(gw.post("alice", "/api/policy/explain", Map.of("text", "x".repeat(300_000))).status()).isEqualTo(400);
        assertThat(gw.post(null, "/api/policy/explain", Map.of("text", sample)).status()).isEqualTo(401);

        assertThat(dgate("login", "--user", "bob", "--password-stdin")).startsWith("0");
        String table = dgate("policy", "explain", sample);
        assertThat(table).startsWith("0").contains("masked: call tel#").contains("cn-mobile  5      16")
                .contains("email").doesNotContain("13812345678 ");
        assertThat(dgate("policy", "reload")).startsWith("1").contains("bob is not in the group admins");
    }

    /** Runs the real {@code dgate} against this gateway; returns "exit-code out err". */
    private String dgate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(Map.of("DGATE_GATEWAY", gateway().base().toString(),
                "DGATE_CONFIG_DIR", cliHome.resolve("dgate").toString()),
                new ByteArrayInputStream("demo\n".getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), Clock.systemUTC(), cliHome);
        int code = Dgate.run(context, Sleeper.real(), args);
        return code + " " + out + " " + err;
    }

    private static JsonNode awaitEvent(GatewayClient gw, String query, Predicate<JsonNode> wanted) {
        return Awaitility.await("the audit event reaches the store").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> find(gw.get("erin", query).json().path("events"), wanted), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<JsonNode> find(JsonNode events, Predicate<JsonNode> wanted) {
        for (JsonNode e : events) {
            if (wanted.test(e)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
