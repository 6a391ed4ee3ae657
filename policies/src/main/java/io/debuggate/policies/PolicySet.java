package io.debuggate.policies;

import io.debuggate.policies.masking.MaskingPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A complete, validated policy: every mode, the health thresholds, the masking rules and the
 * approval settings, the per-environment/per-target overrides, plus where it was loaded from.
 * Immutable; a policy change is a new PolicySet.
 */
public record PolicySet(
        String source,
        int version,
        Map<String, ModePolicy> modes,
        HealthThresholds health,
        MaskingPolicy masking,
        ApprovalPolicy approvals,
        List<PolicyOverride> overrides) {

    public PolicySet {
        Objects.requireNonNull(source, "source");
        modes = Map.copyOf(new TreeMap<>(modes));
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(masking, "masking");
        Objects.requireNonNull(approvals, "approvals");
        overrides = List.copyOf(overrides);
    }

    /** A policy without overrides. */
    public PolicySet(String source, int version, Map<String, ModePolicy> modes, HealthThresholds health,
                     MaskingPolicy masking, ApprovalPolicy approvals) {
        this(source, version, modes, health, masking, approvals, List.of());
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

    /** The mode as written, without overrides. */
    public Optional<ModePolicy> findMode(String name) {
        return Optional.ofNullable(modes.get(name));
    }

    /**
     * The mode called {@code name} as it applies to one target: the mode narrowed by every override
     * that matches {@code targetName} ({@code service/instance}) in {@code environment} (the
     * gateway's; {@code null} when it has none, so environment overrides never match).
     */
    public Optional<ModePolicy> findMode(String name, String targetName, @Nullable String environment) {
        ModePolicy m = modes.get(name);
        if (m == null) {
            return Optional.empty();
        }
        for (PolicyOverride o : overridesFor(targetName, environment)) {
            ModeNarrowing narrowing = o.modes().get(name);
            if (narrowing != null) {
                m = narrowing.applyTo(m);
            }
        }
        return Optional.of(m);
    }

    /** The overrides that apply to {@code targetName} in {@code environment}, in file order. */
    public List<PolicyOverride> overridesFor(String targetName, @Nullable String environment) {
        return overrides.stream().filter(o -> o.matches(targetName, environment)).toList();
    }
}
