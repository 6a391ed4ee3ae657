package io.debuggate.policies.masking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Keyed tracking ids: HMAC-SHA-256 (RFC 2104) over rule id and normalized value, hex, truncated. A
 * keyed hash, not a salted plain hash, so that nobody without the secret can confirm a guessed phone
 * number against an id: an 11-digit phone space is small enough to enumerate.
 *
 * <p>HMAC is computed from digests already primed with the padded key and cloned per value, which
 * halves the hashing work per finding compared with {@code javax.crypto.Mac}.
 */
final class TrackingIdHasher {

    static final int MIN_KEY_BYTES = 16;
    private static final int BLOCK = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final MessageDigest innerPrimed;
    private final MessageDigest outerPrimed;
    private final ThreadLocal<MessageDigest[]> perThread;

    TrackingIdHasher(byte[] secret) {
        if (secret == null || secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("masking HMAC key must have at least " + MIN_KEY_BYTES
                    + " bytes, got " + (secret == null ? "none" : secret.length + "")
                    + "; configure a random secret of 32 bytes");
        }
        byte[] key = secret.length > BLOCK ? sha256().digest(secret) : secret;
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int k = 0; k < BLOCK; k++) {
            byte b = k < key.length ? key[k] : 0;
            ipad[k] = (byte) (b ^ 0x36);
            opad[k] = (byte) (b ^ 0x5c);
        }
        innerPrimed = sha256();
        innerPrimed.update(ipad);
        outerPrimed = sha256();
        outerPrimed.update(opad);
        perThread = ThreadLocal.withInitial(() -> new MessageDigest[] {clone(innerPrimed), clone(outerPrimed)});
    }

    String trackingId(ReplacementStyle.TrackingId style, String ruleId, String normalizedValue) {
        byte[] value = utf8(normalizedValue);
        StringBuilder sb = new StringBuilder(style.prefix().length() + 1 + style.hexLength());
        appendTrackingId(style, utf8(ruleId), value, value.length, sb);
        return sb.toString();
    }

    /** Appends {@code prefix#hex} for the UTF-8 rule id and the normalized value {@code value[0..len)}. */
    void appendTrackingId(ReplacementStyle.TrackingId style, byte[] ruleId, byte[] value, int len, StringBuilder sb) {
        MessageDigest[] primed = perThread.get();
        MessageDigest inner = clone(primed[0]);
        inner.update(ruleId);
        inner.update((byte) 0);
        inner.update(value, 0, len);
        MessageDigest outer = clone(primed[1]);
        byte[] h = outer.digest(inner.digest());
        sb.append(style.prefix()).append('#');
        for (int k = 0; k < style.hexLength(); k++) {
            int b = h[k >> 1];
            sb.append(HEX[(k & 1) == 0 ? (b >> 4) & 0xf : b & 0xf]);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static MessageDigest clone(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest of this JVM cannot be cloned", e);
        }
    }
}
