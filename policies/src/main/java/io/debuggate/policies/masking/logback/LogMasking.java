package io.debuggate.policies.masking.logback;

import io.debuggate.policies.masking.Masker;
import io.debuggate.policies.masking.MaskingEngine;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The masker our Logback converters use. Logback creates converters by class name, so the engine is
 * handed over through this holder: the application calls {@link #use(Masker)} with the policy's
 * engine at start-up; until then a default engine masks.
 *
 * <p>The default engine's HMAC key comes from the system property {@value #KEY_PROPERTY} or the
 * environment variable {@value #KEY_ENV} (base64, at least 16 bytes). Without either, a random key
 * is made per JVM: logs are still masked, but tracking ids then correlate only within one run.
 */
public final class LogMasking {

    public static final String KEY_PROPERTY = "debuggate.logMasking.key";
    public static final String KEY_ENV = "DEBUGGATE_LOG_MASKING_KEY";

    private static volatile Masker masker;

    private LogMasking() {
    }

    public static Masker masker() {
        Masker m = masker;
        if (m == null) {
            synchronized (LogMasking.class) {
                if (masker == null) {
                    masker = MaskingEngine.defaults(defaultKey());
                }
                m = masker;
            }
        }
        return m;
    }

    /** Routes all log masking through {@code m} (never pass {@link Masker#identity()} in production). */
    public static void use(Masker m) {
        masker = Objects.requireNonNull(m, "masker");
    }

    static byte[] defaultKey() {
        String configured = System.getProperty(KEY_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(KEY_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            try {
                return Base64.getDecoder().decode(configured.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(KEY_PROPERTY + " / " + KEY_ENV
                        + " must be base64 (e.g. from 'openssl rand -base64 32'); the value is not", e);
            }
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
