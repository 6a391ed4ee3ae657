package io.debuggate.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.debuggate.cli.DgateException;
import io.debuggate.cli.Dgate;
import io.debuggate.cli.config.CredentialStore;
import io.debuggate.cli.config.GatewayAddress;
import io.debuggate.cli.config.StoredCredentials;
import io.debuggate.cli.connect.Tool;
import io.debuggate.cli.testing.CliRun;
import io.debuggate.cli.testing.FakeGateway;
import io.debuggate.cli.testing.GoTools;
import io.debuggate.cli.testing.RelayToDemo;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConnectCommandTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path home;

    static JsonNode request(String state, String tools) {
        return JSON.readTree("{\"id\":\"dr-1\",\"state\":\"" + state + "\",\"tools\":" + tools + "}");
    }

    @Test
    void aGrantedRequestGetsOnePortPerToolFreeUnlessChosen() {
        assertThat(ConnectCommand.portsFor(request("GRANTED", "[\"pprof\",\"dlv\"]"), Map.of(Tool.DLV, 4040)))
                .containsExactly(Map.entry(Tool.PPROF, 0), Map.entry(Tool.DLV, 4040));
    }

    @Test
    void aRequestNotYetGrantedOpensNothing() {
        assertThatThrownBy(() -> ConnectCommand.portsFor(request("PARTIALLY_SIGNED", "[\"pprof\"]"), Map.of()))
                .isInstanceOf(DgateException.class)
                .hasMessage("request dr-1 is PARTIALLY_SIGNED, not GRANTED: ports open only for a granted request (see dgate show dr-1)");
    }

    @Test
    void aPortForAToolTheGrantLacksIsRefused() {
        assertThatThrownBy(() -> ConnectCommand.portsFor(request("GRANTED", "[\"pprof\"]"), Map.of(Tool.DLV, 4040)))
                .hasMessage("request dr-1 does not grant dlv (it grants pprof): drop --dlv-port or request that tool");
    }

    @Test
    void connectOpensAPprofPortThatTheRealGoToolPprofUsesAndClosesItWhenStopped() throws Exception {
        try (FakeGateway gateway = new FakeGateway(); GoTools.Demo demo = GoTools.Demo.start()) {
            String token = "tok-connect";
            new CredentialStore(home.resolve("dgate")).save(GatewayAddress.parse(gateway.url()), new StoredCredentials("alice", token,
                    null, Instant.now().plus(Duration.ofHours(1)), gateway.url() + "/oauth2/token", "dgate-cli"));
            gateway.on("GET", "/api/requests/dr-1", FakeGateway.answer(200, """
                    {"id":"dr-1","state":"GRANTED","targetService":"payment-svc","targetInstance":"demo-0","tools":["pprof"],
                     "mode":"pprof","grantEnd":"2030-01-01T00:00:00Z"}"""));
            AtomicInteger fetches = new AtomicInteger();
            gateway.on("GET", "/api/sessions/dr-1/pprof/*", (exchange, body) -> {
                fetches.incrementAndGet();
                assertThat(exchange.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer " + token);
                RelayToDemo.relay(exchange, demo.baseUrl(), "/api/sessions/dr-1/pprof/");
            });
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CliRun cli = new CliRun(home.resolve("dgate")).env("DGATE_GATEWAY", gateway.url());
            AtomicInteger exit = new AtomicInteger(-1);
            Thread connect = Thread.ofPlatform().start(() -> exit.set(Dgate.run(cli.context(out, err), d -> { }, "connect", "dr-1")));

            await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("Press Ctrl-C") || !connect.isAlive());
            assertThat(out.toString()).as(err.toString())
                    .contains("connected to dr-1 (payment-svc/demo-0, mode pprof, grant ends 2030-01-01T00:00:00Z)");
            Matcher port = Pattern.compile("go tool pprof http://127\\.0\\.0\\.1:(\\d+)/debug/pprof/heap").matcher(out.toString());
            assertThat(port.find()).isTrue();
            int localPort = Integer.parseInt(port.group(1));

            GoTools.ProcessResult result = GoTools.pprof(home, "-top", "http://127.0.0.1:" + localPort + "/debug/pprof/goroutine");

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("main.park");
            assertThat(fetches).hasValue(1);
            assertThat(err.toString()).contains("pprof GET /debug/pprof/goroutine -> ");

            connect.interrupt();
            connect.join(10_000);
            assertThat(exit).hasValue(0);
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), localPort).close())
                    .as("the port is closed after Ctrl-C").isInstanceOf(ConnectException.class);
        }
    }
}
