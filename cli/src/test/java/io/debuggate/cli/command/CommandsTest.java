package io.debuggate.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.cli.testing.CliRun;
import io.debuggate.cli.testing.FakeGateway;
import io.debuggate.cli.testing.Jwts;
import io.debuggate.cli.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every command end to end in-process against a scripted fake gateway. */
class CommandsTest {

    static final String REQUEST = """
            {"id":"dr-1","requester":"alice","state":"PENDING","targetService":"payment-svc","targetInstance":"demo-0",
             "tools":["pprof"],"pprofProfiles":["heap"],"mode":"pprof","reason":"heap grows","ticket":"INC-1",
             "contentHash":"ab12","createdAt":"2026-01-01T10:00:00Z","riskScore":7,
             "signatures":[{"signer":"bob","group":"dev-leads","signedAt":"2026-01-01T10:05:00Z","comment":"ok"}]}""";

    @TempDir
    Path home;

    FakeGateway gateway;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    String accessToken;
    int issued;

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway();
        gateway.on("POST", "/oauth2/device_authorization", FakeGateway.answer(200,
                "{\"device_code\":\"dev-1\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\"" + "http://gw/activate"
                        + "\",\"expires_in\":300,\"interval\":1}"));
        gateway.on("POST", "/oauth2/token", (exchange, body) -> {
            accessToken = Jwts.token("alice", clock.instant().getEpochSecond() + 900) + (++issued);
            FakeGateway.json(exchange, 200, "{\"access_token\":\"" + accessToken + "\",\"refresh_token\":\"rt-" + issued
                    + "\",\"expires_in\":900}");
        });
        gateway.on("GET", "/api/whoami", authorized("{\"username\":\"alice\",\"groups\":[\"engineers\"]}"));
        gateway.on("GET", "/api/requests", authorized("[" + REQUEST + "]"));
        gateway.on("GET", "/api/requests/dr-1", authorized(REQUEST));
        gateway.on("POST", "/api/requests", authorized(201, REQUEST));
        gateway.on("POST", "/api/requests/dr-1/approve", authorized(REQUEST.replace("PENDING", "PARTIALLY_SIGNED")));
        gateway.on("POST", "/api/requests/dr-1/reject", authorized(REQUEST.replace("PENDING", "REJECTED")));
        gateway.on("POST", "/api/requests/dr-1/revoke", authorized(REQUEST.replace("PENDING", "REVOKED")));
        gateway.on("POST", "/api/requests/dr-1/cancel", authorized(REQUEST.replace("PENDING", "CANCELLED")));
        gateway.on("POST", "/api/requests/dr-2/approve", FakeGateway.answerProblem(403,
                "{\"title\":\"Refused by rule not-the-requester\",\"status\":403,\"detail\":\"alice cannot sign her own request dr-2\",\"rule\":\"not-the-requester\"}"));
        gateway.on("GET", "/api/targets", authorized("[{\"name\":\"payment-svc/demo-0\",\"service\":\"payment-svc\",\"instance\":\"demo-0\",\"agentId\":\"agent-1\"}]"));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    FakeGateway.Handler authorized(String json) {
        return authorized(200, json);
    }

    FakeGateway.Handler authorized(int status, String json) {
        return (exchange, body) -> {
            if (accessToken == null || !("Bearer " + accessToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                FakeGateway.send(exchange, 401, "application/problem+json", "{\"status\":401,\"detail\":\"invalid token\"}");
                return;
            }
            FakeGateway.json(exchange, status, json);
        };
    }

    CliRun cli() {
        return new CliRun(home.resolve("dgate")).env("DGATE_GATEWAY", gateway.url()).clock(clock);
    }

    CliRun.Result loggedIn(String... args) {
        assertThat(cli().run("login").exitCode()).isZero();
        return cli().run(args);
    }

    @Test
    void loginByDeviceFlowShowsTheCodeStoresOwnerOnlyCredentialsAndGreets() throws Exception {
        CliRun.Result result = cli().run("login");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("open http://gw/activate in a browser and enter the code: WDJB-MJHT");
        assertThat(result.out()).contains("logged in to " + gateway.url() + " as alice (groups: engineers)");
        Path file = home.resolve("dgate").resolve("credentials.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains(gateway.url()).contains("\"username\" : \"alice\"");
    }

    @Test
    void whoamiAsTableAndAsJson() {
        CliRun.Result table = loggedIn("whoami");
        CliRun.Result json = cli().run("whoami", "--output", "json");

        assertThat(table.out()).isEqualTo("USER   GROUPS\nalice  engineers\n");
        assertThat(json.out()).contains("\"username\" : \"alice\"");
    }

    @Test
    void requestsTableShowsOneLinePerRequestAndJsonKeepsUnknownFields() {
        CliRun.Result table = loggedIn("requests");
        CliRun.Result json = cli().run("requests", "-o", "json", "--pending");

        assertThat(table.out()).startsWith("ID    STATE    REQUESTER  TARGET              TOOLS  MODE   CREATED               GRANT END\n")
                .contains("dr-1  PENDING  alice      payment-svc/demo-0  pprof  pprof  2026-01-01T10:00:00Z  -");
        assertThat(json.out()).contains("\"riskScore\" : 7");
        assertThat(gateway.recorded("/api/requests?scope=")).extracting(FakeGateway.Recorded::pathAndQuery)
                .containsExactly("/api/requests?scope=mine", "/api/requests?scope=pending");
    }

    @Test
    void showListsEveryFieldAndTheSignatures() {
        CliRun.Result result = loggedIn("show", "dr-1");

        assertThat(result.out()).contains("state:").contains("PENDING").contains("riskScore:")
                .contains("  - bob (dev-leads) at 2026-01-01T10:05:00Z: ok");
    }

    @Test
    void requestSendsEveryFlagAsTheDraft() {
        CliRun.Result result = loggedIn("request", "--target", "payment-svc/demo-0", "--tool", "pprof,dlv", "--profile", "heap",
                "--profile", "goroutine", "--mode", "Snapshot", "--reason", "heap grows", "--ticket", "INC-1", "--scope", "read only",
                "--rollback", "dgate revoke", "--impact", "none", "--impact-minutes", "5", "--check", "p99", "--check", "errors",
                "--duration", "30");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode sent = JsonMapper.builder().build().readTree(gateway.recorded("/api/requests").stream()
                .filter(r -> r.method().equals("POST")).findFirst().orElseThrow().body());
        assertThat(sent.toString()).isEqualTo("{\"targetService\":\"payment-svc\",\"targetInstance\":\"demo-0\",\"tools\":[\"pprof\",\"dlv\"],"
                + "\"pprofProfiles\":[\"heap\",\"goroutine\"],\"mode\":\"snapshot\",\"reason\":\"heap grows\",\"ticket\":\"INC-1\","
                + "\"changeScope\":\"read only\",\"rollbackSteps\":\"dgate revoke\",\"expectedImpact\":\"none\",\"expectedImpactMinutes\":5,"
                + "\"monitoringChecks\":[\"p99\",\"errors\"],\"requestedDurationMinutes\":30}");
        assertThat(result.out()).contains("id:").contains("dr-1");
    }

    @Test
    void approveRejectRevokeCancelPrintTheNewState() {
        assertThat(loggedIn("approve", "dr-1", "--comment", "fine").out()).isEqualTo("approved dr-1: state PARTIALLY_SIGNED\n");
        assertThat(cli().run("reject", "dr-1", "-c", "no").out()).isEqualTo("rejected dr-1: state REJECTED\n");
        assertThat(cli().run("revoke", "dr-1", "--reason", "done").out()).isEqualTo("revoked dr-1: state REVOKED\n");
        assertThat(cli().run("cancel", "dr-1").out()).isEqualTo("cancelled dr-1: state CANCELLED\n");
        assertThat(gateway.recorded("/api/requests/dr-1/approve").get(0).body()).isEqualTo("{\"comment\":\"fine\"}");
        assertThat(gateway.recorded("/api/requests/dr-1/revoke").get(0).body()).isEqualTo("{\"reason\":\"done\"}");
    }

    @Test
    void aRefusalPrintsTheGatewaysDetailAndExitsOne() {
        CliRun.Result result = loggedIn("approve", "dr-2");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("dgate: approving dr-2 failed: 403 alice cannot sign her own request dr-2 (rule not-the-requester)\n");
    }

    @Test
    void validationErrorsAreListedPerField() {
        gateway.on("POST", "/api/requests", authorized(400, """
                {"title":"Invalid debug request","status":400,"detail":"the request has 1 problem",
                 "errors":[{"field":"mode","message":"'debug' is not a mode: use pprof, snapshot or interactive"}]}"""));

        CliRun.Result result = loggedIn("request", "-t", "payment-svc/demo-0", "--tool", "pprof", "-m", "debug", "--reason", "x");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("submitting the request failed: 400 the request has 1 problem")
                .contains("  - mode: 'debug' is not a mode: use pprof, snapshot or interactive");
    }

    @Test
    void anExpiredAccessTokenIsRenewedSilently() {
        loggedIn("whoami");
        String first = accessToken;
        clock.advance(Duration.ofMinutes(16));

        CliRun.Result result = cli().run("whoami");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(accessToken).isNotEqualTo(first);
        assertThat(gateway.recorded("/oauth2/token").get(gateway.recorded("/oauth2/token").size() - 1).body())
                .contains("grant_type=refresh_token").contains("refresh_token=rt-1");
    }

    @Test
    void withoutLoginEveryApiCommandSaysHowToLogIn() {
        CliRun.Result result = cli().run("requests");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("dgate: not logged in to " + gateway.url() + ": run dgate login --gateway " + gateway.url() + "\n");
    }

    @Test
    void theGatewayOptionWorksBeforeAndAfterTheSubcommandAndBeatsTheEnvironment() {
        assertThat(cli().run("login").exitCode()).isZero();
        CliRun wrongEnv = new CliRun(home.resolve("dgate")).env("DGATE_GATEWAY", "http://127.0.0.1:9").clock(clock);

        assertThat(wrongEnv.run("--gateway", gateway.url(), "whoami").out()).contains("alice");
        assertThat(wrongEnv.run("whoami", "--gateway", gateway.url()).out()).contains("alice");
        assertThat(wrongEnv.run("whoami").err()).contains("not logged in to http://127.0.0.1:9");
    }

    @Test
    void logoutForgetsTheTokens() {
        loggedIn("whoami");

        assertThat(cli().run("logout").out()).isEqualTo("logged out of " + gateway.url() + "\n");
        assertThat(cli().run("whoami").err()).contains("not logged in");
        assertThat(cli().run("logout").out()).contains("not logged in to");
    }

    @Test
    void targetsAreListed() {
        assertThat(loggedIn("targets").out()).contains("payment-svc/demo-0  payment-svc  demo-0    agent-1");
    }

    @Test
    void anUnreachableGatewayNamesTheFix() {
        loggedIn("whoami");
        gateway.close();

        CliRun.Result result = cli().run("whoami");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("cannot reach the gateway at " + gateway.url()).contains("is it running?");
    }
}
