package io.debuggate.policies;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the policy's {@code overrides:} list: for the targets it matches, it narrows the
 * named modes. It matches when every condition it gives holds: {@code environment} equals the
 * gateway's environment, {@code target} (a {@code service/instance} pattern where {@code *}
 * stands for any run of characters other than {@code /}) matches the target's name.
 *
 * @param line where the override starts in the policy file, so explanations can point at it
 */
public record PolicyOverride(
        int index,
        int line,
        String description,
        @Nullable String environment,
        @Nullable String target,
        Map<String, ModeNarrowing> modes) {

    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern TARGET = Pattern.compile("[a-z0-9._*-]{1,63}/[a-z0-9._*-]{1,63}");

    public PolicyOverride {
        Objects.requireNonNull(description, "description");
        if (environment == null && target == null) {
            throw new IllegalArgumentException("an override needs match.environment or match.target (or both)");
        }
        if (environment != null && !ENVIRONMENT.matcher(environment).matches()) {
            throw new IllegalArgumentException("match.environment '" + environment
                    + "' must be 1-63 lower-case letters, digits, '.', '_' or '-'");
        }
        if (target != null && !TARGET.matcher(target).matches()) {
            throw new IllegalArgumentException("match.target '" + target
                    + "' must look like service/instance, with * for any part, e.g. payment-svc/* or */canary-*");
        }
        modes = Map.copyOf(new TreeMap<>(modes));
    }

    /** Whether this override applies to {@code targetName} ({@code service/instance}) in {@code environment}. */
    public boolean matches(String targetName, @Nullable String currentEnvironment) {
        if (environment != null && !environment.equals(currentEnvironment)) {
            return false;
        }
        return target == null || glob(target).matcher(targetName).matches();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^/]*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** {@code environment=prod target=payment-svc/*}: the match as people write it. */
    public String describeMatch() {
        return (environment == null ? "" : "environment=" + environment + (target == null ? "" : " "))
                + (target == null ? "" : "target=" + target);
    }
}
