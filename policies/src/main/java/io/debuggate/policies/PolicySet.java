package io.debuggate.policies;

import io.debuggate.policies.masking.MaskingPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A complete, validated policy: every mode, the health thresholds, the masking rules and the
 * approval settings, plus where it was loaded from. Immutable; a policy change is a new PolicySet.
 */
public record PolicySet(
        String source,
        int version,
        Map<String, ModePolicy> modes,
        HealthThresholds health,
        MaskingPolicy masking,
        ApprovalPolicy approvals) {

    public PolicySet {
        Objects.requireNonNull(source, "source");
        modes = Map.copyOf(new TreeMap<>(modes));
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(masking, "masking");
        Objects.requireNonNull(approvals, "approvals");
    }

    /** The mode called {@code name}; throws naming the known modes when the policy has no such mode. */
    public ModePolicy mode(String name) {
        ModePolicy m = modes.get(name);
        if (m == null) {
            throw new IllegalArgumentException("policy " + source + " has no mode '" + name + "'; modes: "
                    + String.join(", ", new TreeMap<>(modes).keySet()));
        }
        return m;
    }

    public Optional<ModePolicy> findMode(String name) {
        return Optional.ofNullable(modes.get(name));
    }
}
