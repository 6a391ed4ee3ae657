package io.debuggate.agent.protocol;

import java.util.Objects;

/**
 * An order with its signed compact form, so a caller that presents the same order several times
 * (pprof fetches within its lifetime) signs it once.
 */
public record SignedOrder(OrderToken order, String compact) {

    public SignedOrder {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(compact, "compact");
    }

    public static SignedOrder sign(OrderToken order, OrderTokenSigner signer) {
        return new SignedOrder(order, signer.sign(order));
    }
}
