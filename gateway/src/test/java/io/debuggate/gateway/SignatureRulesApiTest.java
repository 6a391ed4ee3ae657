package io.debuggate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The separation-of-duties rules through the REST API with real tokens from the embedded issuer.
 * Cast: Alice engineer, Bob dev lead, Carol ops lead, Dave both leads, Erin auditor.
 */
class SignatureRulesApiTest extends GatewayIntegrationTest {

    @Autowired
    JWKSource<SecurityContext> issuerKeys;

    @Test
    void aliceCannotSignHerOwnRequest() throws Exception {
        GatewayClient gw = gateway();
        String id = create(gw);
        GatewayClient.Response refused = gw.post("alice", "/api/requests/" + id + "/approve", Map.of("comment", "mine"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("rule").asString()).isEqualTo("not-the-requester");
        assertThat(refused.json().get("detail").asString()).contains("alice").contains("cannot sign");
    }

    @Test
    void daveCannotSignBothTasks() throws Exception {
        GatewayClient gw = gateway();
        String id = create(gw);
        assertThat(gw.post("dave", "/api/requests/" + id + "/approve", Map.of("comment", "dev ok")).status()).isEqualTo(200);
        GatewayClient.Response second = gw.post("dave", "/api/requests/" + id + "/approve", Map.of("comment", "ops ok"));
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.json().get("rule").asString()).isEqualTo("not-signed-sibling");
        assertThat(gw.get("alice", "/api/requests/" + id).json().get("state").asString()).isEqualTo("PARTIALLY_SIGNED");
    }

    @Test
    void erinIsInNeitherLeadGroup() throws Exception {
        GatewayClient gw = gateway();
        String id = create(gw);
        GatewayClient.Response refused = gw.post("erin", "/api/requests/" + id + "/approve", Map.of("comment", "looks fine"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("rule").asString()).isEqualTo("in-required-group");
    }

    @Test
    void aRejectedRequestCannotBeApproved() throws Exception {
        GatewayClient gw = gateway();
        String id = create(gw);
        assertThat(gw.post("bob", "/api/requests/" + id + "/reject", Map.of("comment", "too risky")).status()).isEqualTo(200);
        GatewayClient.Response late = gw.post("carol", "/api/requests/" + id + "/approve", Map.of("comment", "ok"));
        assertThat(late.status()).isEqualTo(403);
        assertThat(late.json().get("rule").asString()).isEqualTo("request-pending");
    }

    @Test
    void anInvalidRequestListsEveryBadField() throws Exception {
        GatewayClient.Response invalid = gateway().post("alice", "/api/requests",
                Map.of("targetService", "payment-svc", "tools", List.of("gdb"), "mode", "yolo"));
        assertThat(invalid.status()).isEqualTo(400);
        List<String> fields = invalid.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).contains("targetInstance", "tools", "mode", "reason");
    }

    @Test
    void aSessionLongerThanTheModeAllowsIsRefusedWithThePolicysLimit() throws Exception {
        Map<String, Object> tooLong = new java.util.HashMap<>(pprofRequest(List.of("heap")));
        tooLong.put("requestedDurationMinutes", 16);
        GatewayClient.Response refused = gateway().post("alice", "/api/requests", tooLong);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("requestedDurationMinutes");
        assertThat(refused.json().get("errors").get(0).get("message").asString()).isEqualTo("is 16 minutes; the policy in force"
                + " allows mode 'pprof' at most 15m on payment-svc/demo-0 (maxSessionDuration): request at most 15 minutes, or another mode");

        Map<String, Object> unstated = new java.util.HashMap<>(pprofRequest(List.of("heap")));
        unstated.remove("requestedDurationMinutes");
        GatewayClient.Response created = gateway().post("alice", "/api/requests", unstated);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("requestedDurationMinutes").asInt()).as("the default, cut to the mode's 15m").isEqualTo(15);
    }

    @Test
    void aTokenWithForgedGroupsIsRefused() throws Exception {
        GatewayClient gw = gateway();
        String id = create(gw);
        String[] parts = gw.token("alice").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"groups\":[\"engineers\"]", "\"groups\":[\"dev-leads\",\"ops-leads\"]");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(payload).contains("dev-leads");
        assertThat(postWithToken(forged, "/api/requests/" + id + "/approve")).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        GatewayClient gw = gateway();
        String id = create(gw);
        Instant past = Instant.now().minusSeconds(3600);
        // Signed with the issuer's real key, so only the expiry makes it invalid.
        String expired = new NimbusJwtEncoder(issuerKeys).encode(JwtEncoderParameters.from(
                JwsHeader.with(() -> "RS256").build(),
                JwtClaimsSet.builder().subject("bob").issuedAt(past).expiresAt(past.plusSeconds(60))
                        .claim("groups", List.of("dev-leads")).build())).getTokenValue();
        assertThat(postWithToken(expired, "/api/requests/" + id + "/approve")).isEqualTo(401);
    }

    @Test
    void noTokenNoApi() throws Exception {
        assertThat(gateway().get(null, "/api/requests").status()).isEqualTo(401);
    }

    private String create(GatewayClient gw) throws Exception {
        GatewayClient.Response created = gw.post("alice", "/api/requests", pprofRequest(List.of("heap")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private int postWithToken(String token, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
