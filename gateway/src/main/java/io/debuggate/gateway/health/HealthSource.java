package io.debuggate.gateway.health;

import io.debuggate.gateway.targets.Target;
import java.util.Map;
import java.util.Set;

/**
 * A place health signals come from. For each target and signal, the first source in
 * {@code debuggate.health.source-order} that {@linkplain #supplies supplies} it is asked every
 * sampling round. Implementations keep whatever counter state they need per target and must
 * answer within {@code debuggate.health.source-timeout}; the sampler gives up on them after that.
 */
public interface HealthSource {

    /** Stable short name used in configuration, samples and alerts: {@code agent}, {@code scrape}, {@code prometheus}. */
    String name();

    boolean supplies(Target target, String signal);

    /**
     * Reads {@code signals} for {@code target}. A signal left out of the answer counts as
     * {@link Reading.Missing}; an exception makes every asked signal missing with its message.
     */
    Map<String, Reading> read(Target target, Set<String> signals) throws Exception;
}
