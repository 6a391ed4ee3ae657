package io.debuggate.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.cli.testing.CliRun;
import io.debuggate.cli.testing.FakeGateway;
import io.debuggate.cli.testing.Jwts;
import io.debuggate.cli.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code dgate policy explain|show|reload} in-process against a scripted gateway. */
class PolicyCommandTest {

    static final String EXPLAINED = """
            {"masked":"call tel#5c0e4a3b9d12 now","findings":[{"rule":"cn-mobile","start":5,"end":16,"replacement":"tel#5c0e4a3b9d12"}],
             "target":"payment-svc/demo-0","overrides":[{"index":0,"line":160,"match":"target=payment-svc/*","modes":{"pprof":"{pprof.maxSeconds=1}"}}]}""";

    @TempDir
    Path home;

    FakeGateway gateway;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway();
        gateway.on("POST", "/oauth2/device_authorization", FakeGateway.answer(200,
                "{\"device_code\":\"dev-1\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\"http://gw/activate\","
                        + "\"expires_in\":300,\"interval\":1}"));
        gateway.on("POST", "/oauth2/token", FakeGateway.answer(200, "{\"access_token\":\""
                + Jwts.token("alice", clock.instant().getEpochSecond() + 900) + "\",\"expires_in\":900}"));
        gateway.on("GET", "/api/whoami", FakeGateway.answer(200, "{\"username\":\"alice\",\"groups\":[\"engineers\"]}"));
        gateway.on("POST", "/api/policy/explain", FakeGateway.answer(200, EXPLAINED));
        gateway.on("GET", "/api/admin/policy", FakeGateway.answerProblem(403,
                "{\"title\":\"Admins only\",\"status\":403,\"detail\":\"alice is not in the group admins; ask an admin to see the policy's source\"}"));
        gateway.on("POST", "/api/admin/policy/reload", FakeGateway.answerProblem(422,
                "{\"title\":\"Invalid policy file\",\"status\":422,\"detail\":\"invalid policy /etc/p.yaml, line 12, column 3: "
                        + "malformed YAML; the policy in force is unchanged\",\"line\":12}"));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    CliRun cli() {
        return new CliRun(home.resolve("dgate")).env("DGATE_GATEWAY", gateway.url()).clock(clock);
    }

    CliRun.Result loggedIn(String... args) {
        CliRun.Result login = cli().run("login");
        assertThat(login.exitCode()).as(login.err()).isZero();
        return cli().run(args);
    }

    @Test
    void explainSendsTheSampleAndPrintsTheMaskedTextAndOneLinePerFinding() {
        CliRun.Result table = loggedIn("policy", "explain", "call 13812345678 now", "--target", "payment-svc/demo-0");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).startsWith("masked: call tel#5c0e4a3b9d12 now\n"
                + "RULE       START  END  REPLACEMENT\n"
                + "cn-mobile  5      16   tel#5c0e4a3b9d12\n")
                .contains("OVERRIDE  LINE  MATCH                 NARROWS")
                .contains("0         160   target=payment-svc/*  pprof {pprof.maxSeconds=1}\n");
        JsonNode sent = JsonMapper.builder().build().readTree(gateway.recorded("/api/policy/explain").getFirst().body());
        assertThat(sent.get("text").asString()).isEqualTo("call 13812345678 now");
        assertThat(sent.get("target").asString()).isEqualTo("payment-svc/demo-0");
        assertThat(sent.has("mode")).isFalse();
    }

    @Test
    void explainReadsAFileAndPrintsTheGatewaysJson() throws Exception {
        Path sample = home.resolve("dump.txt");
        Files.writeString(sample, "goroutine 1 [running]:\nmain.pay(0x1, {0xc000, 11}) mail a.b@example.com\n");

        CliRun.Result json = loggedIn("policy", "explain", "--file", sample.toString(), "-o", "json");

        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"rule\" : \"cn-mobile\"").contains("\"start\" : 5");
        assertThat(gateway.recorded("/api/policy/explain").getFirst().body()).contains("a.b@example.com");
    }

    @Test
    void explainNeedsExactlyOneSampleAndModeNeedsTarget() {
        CliRun.Result neither = loggedIn("policy", "explain");
        CliRun.Result both = cli().run("policy", "explain", "x", "--file", "y");
        CliRun.Result modeAlone = cli().run("policy", "explain", "x", "--mode", "snapshot");
        CliRun.Result missingFile = cli().run("policy", "explain", "--file", home.resolve("nope.txt").toString());

        assertThat(neither.exitCode()).isEqualTo(1);
        assertThat(neither.err()).contains("give the sample either as TEXT or with --file FILE");
        assertThat(both.err()).contains("not both");
        assertThat(modeAlone.err()).contains("--mode needs --target");
        assertThat(missingFile.err()).contains("cannot read the sample").contains("nope.txt");
        assertThat(gateway.recorded("/api/policy/explain")).isEmpty();
    }

    @Test
    void reloadAndShowPassOnTheGatewaysRefusal() {
        CliRun.Result reload = loggedIn("policy", "reload");
        CliRun.Result show = cli().run("policy", "show");
        CliRun.Result bare = cli().run("policy");

        assertThat(reload.exitCode()).isEqualTo(1);
        assertThat(reload.err()).contains("line 12, column 3: malformed YAML; the policy in force is unchanged");
        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.err()).contains("alice is not in the group admins");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).contains("missing subcommand: dgate policy explain TEXT");
    }
}
