package io.debuggate.gateway.pprof;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code debuggate.pprof.*}: rate limits of the pprof route, counted over fixed windows of
 * {@code ratePeriod}. Only fetches that passed every check and would reach the target count;
 * refused ones cost the target nothing and are not counted. A fetch over a limit gets 429 with
 * {@code Retry-After}.
 *
 * @param fetchesPerUser   fetches one user may make per period, over all sessions and targets (default 30)
 * @param fetchesPerTarget fetches one target may serve per period, over all users (default 60)
 * @param ratePeriod       the window both limits are counted over (default 1 min)
 */
@Validated
@ConfigurationProperties("debuggate.pprof")
public record PprofProperties(
        @DefaultValue("30") @Min(1) @Max(100000) int fetchesPerUser,
        @DefaultValue("60") @Min(1) @Max(100000) int fetchesPerTarget,
        @DefaultValue("1m") @NotNull Duration ratePeriod) {

    public PprofProperties {
        if (ratePeriod != null && (ratePeriod.compareTo(Duration.ofSeconds(1)) < 0 || ratePeriod.compareTo(Duration.ofDays(1)) > 0)) {
            throw new IllegalArgumentException("debuggate.pprof.rate-period=" + ratePeriod
                    + " is out of range: give a period between 1s and 1d, e.g. 1m");
        }
    }
}
