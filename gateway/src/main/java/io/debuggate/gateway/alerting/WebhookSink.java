package io.debuggate.gateway.alerting;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;

/** One webhook receiver: formats the alert for it and makes one delivery attempt. */
final class WebhookSink {

    /**
     * One attempt's result.
     *
     * @param failure null when delivered
     * @param retryable whether another attempt may succeed (server errors, 408, 429, network trouble)
     */
    record Attempt(@Nullable String failure, boolean retryable) {
        static final Attempt DELIVERED = new Attempt(null, false);

        boolean delivered() {
            return failure == null;
        }
    }

    private final AlertingProperties.Sink config;
    private final HttpClient http;

    WebhookSink(AlertingProperties.Sink config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    String name() {
        return config.name();
    }

    AlertingProperties.Sink config() {
        return config;
    }

    AlertFormat format() {
        return config.format();
    }

    Attempt deliver(Alert alert) {
        HttpRequest request = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "debuggate-alerting")
                .POST(HttpRequest.BodyPublishers.ofByteArray(config.format().payload(alert)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Attempt(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt("interrupted", false);
        }
        String refusal = config.format().refusal(response.statusCode(), response.body());
        if (refusal == null) {
            return Attempt.DELIVERED;
        }
        int status = response.statusCode();
        boolean retryable = status >= 500 || status == 408 || status == 429 || (status >= 200 && status < 300);
        return new Attempt(refusal, retryable);
    }
}
