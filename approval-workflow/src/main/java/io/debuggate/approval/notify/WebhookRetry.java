package io.debuggate.approval.notify;

import java.time.Duration;

/**
 * How hard to try one delivery.
 *
 * @param maxAttempts attempts in total, at least 1
 * @param initialBackoff wait before the second attempt; doubles each time
 * @param maxBackoff cap of the wait
 * @param requestTimeout how long one POST may take
 */
public record WebhookRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration requestTimeout) {

    public static final WebhookRetry DEFAULTS = new WebhookRetry(5, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(10));

    public WebhookRetry {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("webhook-retry.max-attempts is " + maxAttempts + "; set 1 to 20");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("webhook-retry.initial-backoff is " + initialBackoff + "; set a positive duration such as PT1S");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("webhook-retry.max-backoff " + maxBackoff + " is shorter than initial-backoff " + initialBackoff);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("webhook-retry.request-timeout is " + requestTimeout + "; set a positive duration such as PT10S");
        }
    }

    Duration backoffBefore(int attempt) {
        long factor = 1L << Math.min(attempt - 2, 20);
        Duration wait = initialBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
