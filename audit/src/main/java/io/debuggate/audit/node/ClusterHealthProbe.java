package io.debuggate.audit.node;

import io.debuggate.audit.store.StoreCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks {@code _cluster/health} whether the node is usable. {@code GET /} answers 405 on this
 * distribution, so the usual ping cannot be used.
 */
final class ClusterHealthProbe {

    /** What one probe saw. */
    enum State { UNREACHABLE, UNAUTHORIZED, STARTING, READY }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI health;
    private final StoreCredentials admin;

    ClusterHealthProbe(URI baseUri, StoreCredentials admin) {
        this.health = baseUri.resolve("/_cluster/health?wait_for_status=yellow&timeout=2s");
        this.admin = admin;
    }

    State probe() {
        HttpRequest request = HttpRequest.newBuilder(health)
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", admin.basicAuthorization())
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                return State.UNAUTHORIZED;
            }
            if (response.statusCode() == 200 && !response.body().contains("\"status\":\"red\"")) {
                return State.READY;
            }
            return State.STARTING;
        } catch (IOException e) {
            return State.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return State.UNREACHABLE;
        }
    }
}
