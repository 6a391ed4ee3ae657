package io.debuggate.gateway.policy;

import io.debuggate.policies.masking.Masker;
import io.debuggate.policies.masking.MaskingEngine;
import io.debuggate.policies.masking.MaskingPolicy;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The masking rules in force. Whatever masks (the Delve tunnel per message, pprof per fetch, the
 * audit trail per event, the logs per line) asks for the engine when it masks, so a policy reload
 * that changes the rules applies to the next message. The keyed-hash secret never changes with
 * the rules: tracking ids stay comparable across a reload.
 */
public final class ActiveMasking implements Masker {

    private final byte[] hmacKey;
    private final AtomicReference<MaskingEngine> engine;

    ActiveMasking(MaskingPolicy rules, byte[] hmacKey) {
        this.hmacKey = hmacKey.clone();
        this.engine = new AtomicReference<>(MaskingEngine.of(rules, this.hmacKey));
    }

    public MaskingEngine current() {
        return engine.get();
    }

    @Override
    public String mask(String text) {
        return engine.get().mask(text);
    }

    /** Builds the engine for the new rules first, so a failure leaves the old one in force. */
    MaskingEngine prepare(MaskingPolicy rules) {
        return MaskingEngine.of(rules, hmacKey);
    }

    void replace(MaskingEngine next) {
        engine.set(next);
    }
}
