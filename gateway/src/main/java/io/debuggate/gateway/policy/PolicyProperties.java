package io.debuggate.gateway.policy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Policy settings.
 *
 * @param file a policy YAML file replacing the shipped default
 *     ({@code policies/src/main/resources/io/debuggate/policies/default-policy.yaml}); a malformed
 *     file stops start-up with file, line and reason. Unset (default) = the shipped default, which
 *     cannot be reloaded.
 * @param maskingKeyFile the secret behind keyed-hash tracking ids (equal values map to equal ids);
 *     unset = {@code <debuggate.home>/masking/hmac.key}, created on first start. Share it between
 *     replicas so ids match across the trail.
 * @param environment the environment this gateway guards, e.g. {@code prod}; overrides with
 *     {@code match.environment} apply when it is equal. Unset (default) = no environment override applies.
 * @param watch reload {@link #file} by itself when it changes (default {@code false}: reloads are
 *     explicit, {@code POST /api/admin/policy/reload}, so the audit trail names a person). Watched
 *     reloads are recorded as {@code system:policy-watcher}.
 * @param watchInterval how often the watcher looks at the file (default 2 s)
 */
@Validated
@ConfigurationProperties("debuggate.policy")
public record PolicyProperties(
        @Nullable String file,
        @Nullable String maskingKeyFile,
        @Nullable @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,62}", message = "must be 1-63 lower-case letters, digits, '.', '_' or '-', e.g. prod")
        String environment,
        @DefaultValue("false") boolean watch,
        @DefaultValue("2s") @NotNull Duration watchInterval) {
}
