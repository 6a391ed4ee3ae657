package io.debuggate.gateway.policy;

import io.debuggate.audit.AuditTrail;
import io.debuggate.gateway.DebuggateHome;
import io.debuggate.gateway.OwnerOnlyFiles;
import io.debuggate.policies.LoadedPolicy;
import io.debuggate.policies.PolicyLoader;
import io.debuggate.policies.masking.logback.LogMasking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    @Bean
    ActivePolicy activePolicy(PolicyProperties properties, Clock clock) {
        Path file = file(properties);
        LoadedPolicy loaded = file == null ? PolicyLoader.readDefault() : PolicyLoader.read(file);
        return new ActivePolicy(new ActivePolicy.Version(loaded, clock.instant(), "system"), properties.environment());
    }

    @Bean
    PolicyReloader policyReloader(ActivePolicy active, ActiveMasking masking, PolicyProperties properties, AuditTrail audit,
                                  Clock clock) {
        return new PolicyReloader(active, masking, file(properties), audit, clock);
    }

    @Bean
    @ConditionalOnBooleanProperty("debuggate.policy.watch")
    PolicyFileWatcher policyFileWatcher(PolicyReloader reloader, PolicyProperties properties) {
        Path file = reloader.file();
        if (file == null) {
            throw new IllegalStateException("debuggate.policy.watch=true needs debuggate.policy.file: the shipped default "
                    + "policy never changes; set the file or turn the watch off");
        }
        return new PolicyFileWatcher(reloader, file, properties.watchInterval());
    }

    @Bean
    ActiveMasking activeMasking(ActivePolicy policy, PolicyProperties properties, DebuggateHome home) {
        Path keyFile = properties.maskingKeyFile() != null ? Path.of(properties.maskingKeyFile())
                : home.resolve("masking/hmac.key");
        ActiveMasking masking = new ActiveMasking(policy.current().masking(), loadOrCreateKey(keyFile));
        // Log lines get the same rules and the same tracking ids as proxied data and the audit trail.
        LogMasking.use(masking);
        return masking;
    }

    private static @Nullable Path file(PolicyProperties properties) {
        return properties.file() == null || properties.file().isBlank() ? null : Path.of(properties.file());
    }

    private static byte[] loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] key = Files.readAllBytes(file);
                if (key.length < 32) {
                    throw new IllegalStateException("masking key " + file + " has " + key.length
                            + " bytes; it needs at least 32 random bytes (delete it to create a new one)");
                }
                return key;
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            OwnerOnlyFiles.write(file, key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the masking key " + file
                    + ": make the folder writable or set debuggate.policy.masking-key-file", e);
        }
    }
}
