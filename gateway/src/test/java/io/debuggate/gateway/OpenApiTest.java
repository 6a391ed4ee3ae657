package io.debuggate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

/** The REST API documents itself, publicly, so client authors need no token to read it. */
class OpenApiTest extends GatewayIntegrationTest {

    @Test
    void theRequestsApiIsDescribed() throws Exception {
        GatewayClient.Response docs = gateway().get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/requests/{id}/approve").contains("/api/requests/{id}/revoke")
                .contains("/api/requests/{id}/cancel").contains("/api/whoami");
    }
}
