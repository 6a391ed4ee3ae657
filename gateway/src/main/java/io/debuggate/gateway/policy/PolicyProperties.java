package io.debuggate.gateway.policy;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Policy settings.
 *
 * @param file a policy YAML file replacing the shipped default
 *     ({@code policies/src/main/resources/io/debuggate/policies/default-policy.yaml}); a malformed
 *     file stops start-up with file, line and reason
 * @param maskingKeyFile the secret behind keyed-hash tracking ids (equal values map to equal ids);
 *     unset = {@code <debuggate.home>/masking/hmac.key}, created on first start. Share it between
 *     replicas so ids match across the trail.
 */
@ConfigurationProperties("debuggate.policy")
public record PolicyProperties(@Nullable String file, @Nullable String maskingKeyFile) {
}
