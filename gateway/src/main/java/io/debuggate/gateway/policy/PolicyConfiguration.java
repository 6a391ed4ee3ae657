package io.debuggate.gateway.policy;

import io.debuggate.gateway.DebuggateHome;
import io.debuggate.gateway.OwnerOnlyFiles;
import io.debuggate.policies.PolicyLoader;
import io.debuggate.policies.PolicySet;
import io.debuggate.policies.masking.MaskingEngine;
import io.debuggate.policies.masking.logback.LogMasking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    @Bean
    PolicySet policySet(PolicyProperties properties) {
        return properties.file() == null || properties.file().isBlank()
                ? PolicyLoader.loadDefault()
                : PolicyLoader.load(Path.of(properties.file()));
    }

    @Bean
    MaskingEngine maskingEngine(PolicySet policies, PolicyProperties properties, DebuggateHome home) {
        Path keyFile = properties.maskingKeyFile() != null ? Path.of(properties.maskingKeyFile())
                : home.resolve("masking/hmac.key");
        MaskingEngine engine = MaskingEngine.of(policies.masking(), loadOrCreateKey(keyFile));
        // Log lines get the same rules and the same tracking ids as proxied data and the audit trail.
        LogMasking.use(engine);
        return engine;
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
