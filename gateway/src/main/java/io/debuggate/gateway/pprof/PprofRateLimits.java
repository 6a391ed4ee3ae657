package io.debuggate.gateway.pprof;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The pprof route's rate limits, per user and per target (Resilience4j rate limiters that never
 * wait: a fetch over the limit is refused at once). The user's limit is checked first, so a user
 * over their own limit uses up nothing of the target's.
 */
final class PprofRateLimits {

    private final PprofProperties properties;
    private final RateLimiterConfig perUser;
    private final RateLimiterConfig perTarget;
    private final ConcurrentMap<String, AtomicRateLimiter> users = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicRateLimiter> targets = new ConcurrentHashMap<>();

    PprofRateLimits(PprofProperties properties) {
        this.properties = properties;
        this.perUser = config(properties.fetchesPerUser(), properties.ratePeriod());
        this.perTarget = config(properties.fetchesPerTarget(), properties.ratePeriod());
    }

    /** Which limit refused a fetch, in words the user can act on, and when to retry. */
    record Exceeded(String rule, String message, long retryAfterSeconds) {
    }

    /** Takes one fetch from the user's and the target's budget, or says which limit is spent. */
    Optional<Exceeded> take(String user, String target) {
        AtomicRateLimiter userLimiter = users.computeIfAbsent(user, u -> new AtomicRateLimiter("pprof-user:" + u, perUser));
        if (!userLimiter.acquirePermission()) {
            return Optional.of(new Exceeded("pprof-rate-limit-user", "user " + user + " has made "
                    + properties.fetchesPerUser() + " pprof fetches in the current " + period()
                    + " window, the limit per user (debuggate.pprof.fetches-per-user)", retryAfter(userLimiter)));
        }
        AtomicRateLimiter targetLimiter = targets.computeIfAbsent(target,
                t -> new AtomicRateLimiter("pprof-target:" + t, perTarget));
        if (!targetLimiter.acquirePermission()) {
            return Optional.of(new Exceeded("pprof-rate-limit-target", target + " has served "
                    + properties.fetchesPerTarget() + " pprof fetches in the current " + period()
                    + " window, the limit per target (debuggate.pprof.fetches-per-target)", retryAfter(targetLimiter)));
        }
        return Optional.empty();
    }

    private String period() {
        return properties.ratePeriod().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static long retryAfter(AtomicRateLimiter limiter) {
        long nanos = limiter.getDetailedMetrics().getNanosToWait();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static RateLimiterConfig config(int limit, Duration period) {
        return RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO).build();
    }
}
