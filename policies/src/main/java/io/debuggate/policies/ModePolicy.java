package io.debuggate.policies;

import io.debuggate.policies.dap.DapPolicy;
import io.debuggate.policies.delve.DelvePolicy;
import io.debuggate.policies.pprof.PprofPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * One session mode ({@code pprof}, {@code snapshot}, {@code interactive}, ...): what a session of
 * this mode may do on each protocol, how long it may halt the target and how long it may last.
 * A protocol the mode does not name is denied entirely.
 */
public record ModePolicy(
        String name,
        String description,
        Duration maxSessionDuration,
        HaltBudget haltBudget,
        PprofPolicy pprof,
        DelvePolicy delve,
        DapPolicy dap) {

    public ModePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        HealthThresholds.requireBetween("maxSessionDuration", maxSessionDuration, Duration.ofMinutes(1), Duration.ofHours(24));
        Objects.requireNonNull(haltBudget, "haltBudget");
        Objects.requireNonNull(pprof, "pprof");
        Objects.requireNonNull(delve, "delve");
        Objects.requireNonNull(dap, "dap");
    }

    /**
     * A mode that allows nothing and never halts: what a session of a mode that a newer policy no
     * longer has gets, so removing a mode ends what it allowed at once.
     */
    public static ModePolicy denyAll(String name) {
        return new ModePolicy(name, "no longer in the policy", Duration.ofMinutes(1),
                new HaltBudget(Duration.ZERO, 0.0, Duration.ofSeconds(60)), PprofPolicy.denyAll(), DelvePolicy.denyAll(),
                DapPolicy.denyAll());
    }
}
