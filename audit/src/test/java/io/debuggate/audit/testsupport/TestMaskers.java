package io.debuggate.audit.testsupport;

import io.debuggate.policies.masking.Masker;
import io.debuggate.policies.masking.MaskingEngine;
import java.nio.charset.StandardCharsets;

/** The real masking engine with its default policy, as the gateway wires it. */
public final class TestMaskers {

    private static final Masker ENGINE =
            MaskingEngine.defaults("debuggate-audit-test-hmac-key".getBytes(StandardCharsets.UTF_8));

    private TestMaskers() {
    }

    public static Masker engine() {
        return ENGINE;
    }
}
