package io.debuggate.agent.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Base64;

/**
 * Gateway side: signs orders with the gateway's Ed25519 private key. The compact form is
 * {@code base64url(claims-json) "." base64url(signature)}, unpadded; the signature covers the
 * ASCII bytes of the first part, so the verifier checks it before parsing any JSON.
 */
public final class OrderTokenSigner {

    private final PrivateKey privateKey;

    public OrderTokenSigner(PrivateKey privateKey) {
        if (!(privateKey instanceof EdECPrivateKey)) {
            throw new IllegalArgumentException("order tokens are signed with Ed25519, got key algorithm "
                    + privateKey.getAlgorithm() + ": generate one with Ed25519Keys.generate()");
        }
        this.privateKey = privateKey;
    }

    public String sign(OrderToken token) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = b64.encodeToString(OrderTokenCodec.encode(token));
        try {
            Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signature.initSign(privateKey);
            signature.update(claims.getBytes(StandardCharsets.US_ASCII));
            return claims + "." + b64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed; the JDK must provide Ed25519 (JDK 15+)", e);
        }
    }
}
