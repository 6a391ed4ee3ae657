package io.debuggate.gateway.alerting;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where alerts go ({@code debuggate.alerting.*}). Without sinks alerts are only logged and
 * dead-lettered, so nothing is lost.
 *
 * <pre>
 * debuggate:
 *   alerting:
 *     sinks:
 *       - {name: oncall, format: SLACK, url: https://hooks.slack.com/services/...}
 *       - {name: ops-cn, format: DINGTALK, url: https://oapi.dingtalk.com/robot/send?access_token=...}
 *       - {name: pager, format: GENERIC, url: https://alerts.example.com/debuggate}
 *     retry: {max-attempts: 5, initial-backoff: 1s, multiplier: 2, max-backoff: 1m}
 * </pre>
 *
 * @param sinks webhook receivers; every alert goes to each of them
 * @param retry how hard to try each sink before dead-lettering
 * @param deadLetterFile JSON lines of undeliverable alerts; unset = {@code <debuggate.home>/alerts/dead-letter.jsonl}
 */
@ConfigurationProperties("debuggate.alerting")
@Validated
public record AlertingProperties(
        @DefaultValue List<@Valid Sink> sinks,
        @DefaultValue @Valid Retry retry,
        @Nullable String deadLetterFile) {

    public AlertingProperties {
        Set<String> names = new HashSet<>();
        for (Sink s : sinks) {
            if (s.name() != null && !names.add(s.name())) {
                throw new IllegalArgumentException("debuggate.alerting.sinks names '" + s.name()
                        + "' twice; give every sink its own name (it appears in logs and the dead-letter file)");
            }
        }
    }

    /**
     * One webhook. The URL often holds a secret token (Slack, DingTalk): it is never logged; logs
     * and the dead-letter file name the sink.
     *
     * @param name short name for logs, e.g. {@code oncall-slack}
     * @param format the body the receiver expects
     * @param url http(s) URL of the webhook
     * @param timeout per attempt (default 5s)
     */
    public record Sink(@NotBlank String name, @NotNull AlertFormat format, @NotNull URI url,
                       @DefaultValue("5s") Duration timeout) {

        public Sink {
            if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("debuggate.alerting.sinks[" + name + "].url must be an http(s) URL, got scheme '"
                        + url.getScheme() + "'");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("debuggate.alerting.sinks[" + name + "].timeout must be positive, got " + timeout);
            }
        }
    }

    /**
     * Exponential backoff between attempts at one sink: {@code initialBackoff}, then times
     * {@code multiplier}, capped at {@code maxBackoff}. Client errors (4xx except 408 and 429) are
     * not retried: the same request would be refused again.
     *
     * @param maxAttempts attempts per sink including the first (default 5)
     * @param initialBackoff wait after the first failure (default 1s)
     * @param multiplier growth per attempt (default 2)
     * @param maxBackoff longest wait (default 1m)
     */
    public record Retry(@DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
                        @DefaultValue("1s") Duration initialBackoff,
                        @DefaultValue("2.0") double multiplier,
                        @DefaultValue("1m") Duration maxBackoff) {

        public Retry {
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("debuggate.alerting.retry needs 0 <= initial-backoff <= max-backoff, got "
                        + initialBackoff + " and " + maxBackoff);
            }
            if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
                throw new IllegalArgumentException("debuggate.alerting.retry.multiplier must be between 1 and 10, got " + multiplier);
            }
        }

        /** The wait after failed attempt number {@code attempt} (1-based). */
        public Duration backoff(int attempt) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
            return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
        }
    }
}
