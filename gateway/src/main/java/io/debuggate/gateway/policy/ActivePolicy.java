package io.debuggate.gateway.policy;

import io.debuggate.policies.LoadedPolicy;
import io.debuggate.policies.ModePolicy;
import io.debuggate.policies.PolicySet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The policy in force. Everything that decides reads it here at the moment it decides (per request,
 * per debugger message), so a reload applies to the next message without a restart; the swap is
 * atomic, so one decision never sees half of two policies.
 */
public final class ActivePolicy {

    /**
     * One loaded policy and where it came from.
     *
     * @param loadedBy who made it active: the admin's name, {@code system} at start-up or
     *     {@code system:policy-watcher}
     */
    public record Version(PolicySet policy, String sha256, Instant loadedAt, String loadedBy) {

        public Version(LoadedPolicy loaded, Instant loadedAt, String loadedBy) {
            this(loaded.policy(), loaded.sha256(), loadedAt, loadedBy);
        }
    }

    /** A version with the modes resolved for it so far; debugger messages ask for their mode at every message. */
    private record InForce(Version version, Map<String, Optional<ModePolicy>> effectiveModes) {
    }

    private final @Nullable String environment;
    private final AtomicReference<InForce> current;

    ActivePolicy(Version initial, @Nullable String environment) {
        this.environment = environment;
        this.current = new AtomicReference<>(new InForce(initial, new ConcurrentHashMap<>()));
    }

    public PolicySet current() {
        return current.get().version().policy();
    }

    public Version version() {
        return current.get().version();
    }

    /** The gateway's environment ({@code debuggate.policy.environment}), which environment overrides match. */
    public @Nullable String environment() {
        return environment;
    }

    /** The mode as it applies to {@code targetName} ({@code service/instance}) now: with its overrides. */
    public Optional<ModePolicy> mode(String mode, String targetName) {
        InForce in = current.get();
        return in.effectiveModes().computeIfAbsent(mode + " " + targetName,
                k -> in.version().policy().findMode(mode, targetName, environment));
    }

    /**
     * For a session that is already running: its mode now, or a mode that allows nothing when a
     * reload removed it.
     */
    public ModePolicy liveMode(String mode, String targetName) {
        return mode(mode, targetName).orElseGet(() -> ModePolicy.denyAll(mode));
    }

    /** Makes {@code next} the policy in force; returns the one it replaced. */
    Version replace(Version next) {
        return current.getAndSet(new InForce(next, new ConcurrentHashMap<>())).version();
    }
}
