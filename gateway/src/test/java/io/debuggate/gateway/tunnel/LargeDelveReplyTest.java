package io.debuggate.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.gateway.demo.DemoTargetLauncher;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import io.debuggate.gateway.support.RawTunnelClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A goroutine list of megabytes from the real dlv: long enough to be masked and sent in parts
 * while dlv is still sending it (the gateway takes it before its end), and it reaches the client
 * whole, as valid JSON, with every goroutine and with the test bed's customer labels masked.
 */
class LargeDelveReplyTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LEAKED = 3000;

    @Autowired
    DemoTargetLauncher demo;

    @Test
    void aGoroutineListOfMegabytesReachesTheClientWholeAndMasked() throws Exception {
        GatewayClient gw = gateway();
        awaitDemoTarget();
        DemoTarget target = demo.current().orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        admin(http, target.testBedBaseUri().resolve("/admin/leak?n=" + LEAKED));
        try (RawTunnelClient client = RawTunnelClient.open(port, DlvConnectThroughGatewayTest.grantedDelveSession(gw, "interactive"),
                gw.token("alice"))) {
            client.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"halt\"}],\"id\":\"halt\"}");
            assertThat(client.awaitReplyTo("\"halt\"", WAIT)).contains("\"Running\":false");
            client.send("{\"method\":\"RPCServer.ListGoroutines\",\"params\":[{\"Start\":0,\"Count\":" + (2 * LEAKED)
                    + "}],\"id\":\"list\"}");
            String reply = wholeLine(client, "{\"id\":\"list\",\"result\"");
            client.send("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"continue\"}],\"id\":\"go\"}");

            assertThat(reply.length()).as("long enough to be taken before its end").isGreaterThan(1 << 20);
            JsonNode list = JsonMapper.builder().build().readTree(reply);
            assertThat(list.at("/result/Goroutines").size()).isGreaterThan(LEAKED);
            assertThat(list.at("/error").isNull()).isTrue();
            assertThat(reply).doesNotContain("li.na@example.com").doesNotContain("zhang.wei@example.cn")
                    .contains("\"customer_email\":\"email#");
        } finally {
            admin(http, target.testBedBaseUri().resolve("/admin/leak?release=1"));
        }
    }

    /** The reply line that starts with {@code start}, once its newline has arrived (it comes in parts). */
    private static String wholeLine(RawTunnelClient client, String start) {
        AtomicReference<String> line = new AtomicReference<>();
        try {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                String replies = client.replies();
                int at = replies.indexOf(start);
                int end = at < 0 ? -1 : replies.indexOf('\n', at);
                if (end > 0) {
                    line.set(replies.substring(at, end));
                }
                return end > 0;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no whole reply starting " + start + " within " + WAIT + "; got "
                    + client.replies().length() + " chars, notices " + client.notices(), e);
        }
        return line.get();
    }

    private static void admin(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
