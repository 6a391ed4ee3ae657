package io.debuggate.agent.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Agent side: accepts an order only if every check passes, in this order — well-formed, signed
 * by the gateway's key, for this agent, for this target, for an allowed tool, already valid,
 * not expired, not longer-lived than {@code maxTtl}, and (for {@link #verifyOnce}) never seen.
 * The signature is checked before any JSON is parsed.
 */
public final class OrderTokenVerifier {

    public static final Duration DEFAULT_MAX_TTL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final int DEFAULT_NONCE_CAPACITY = 100_000;
    private static final int VERIFIED_SIGNATURE_CAPACITY = 1024;
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final int MAX_TOKEN_CHARS = 4096;

    private final PublicKey publicKey;
    private final String audience;
    private final String target;
    private final Clock clock;
    private final Duration maxTtl;
    private final Duration clockSkew;
    private final NonceLedger nonces;
    private final VerifiedSignatures verifiedSignatures = new VerifiedSignatures(VERIFIED_SIGNATURE_CAPACITY);

    private OrderTokenVerifier(Builder b) {
        this.publicKey = b.publicKey;
        this.audience = b.audience;
        this.target = b.target;
        this.clock = b.clock;
        this.maxTtl = b.maxTtl;
        this.clockSkew = b.clockSkew;
        this.nonces = new NonceLedger(b.nonceCapacity);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks a token that may be presented more than once (pprof requests, dlv attach orders). */
    public OrderToken verify(@Nullable String compact, Set<DebugTool> allowedTools) throws OrderTokenRejectedException {
        Instant now = clock.instant();
        OrderToken remembered = compact == null ? null : verifiedSignatures.lookup(compact);
        if (remembered != null) {
            checkClaims(remembered, allowedTools, now);
            return remembered;
        }
        OrderToken token = verifyAfresh(compact, allowedTools, now);
        // Remembered only once every claim passed: a refused token is never short-cut later.
        verifiedSignatures.remember(compact, token, now.minus(clockSkew));
        return token;
    }

    /** As {@link #verify}, and refuses a nonce already used: one token opens one relay connection or carries one heartbeat. */
    public OrderToken verifyOnce(@Nullable String compact, Set<DebugTool> allowedTools) throws OrderTokenRejectedException {
        // Not remembered: a single-use token is never presented again.
        OrderToken token = verifyAfresh(compact, allowedTools, clock.instant());
        nonces.recordFirstUse(token.nonce(), token.expiresAt().plus(clockSkew), clock.instant());
        return token;
    }

    private OrderToken verifyAfresh(@Nullable String compact, Set<DebugTool> allowedTools, Instant now)
            throws OrderTokenRejectedException {
        OrderToken token = OrderTokenCodec.decode(checkSignature(compact));
        checkClaims(token, allowedTools, now);
        return token;
    }

    int rememberedSignatures() {
        return verifiedSignatures.size();
    }

    public String audience() {
        return audience;
    }

    public String target() {
        return target;
    }

    private byte[] checkSignature(@Nullable String compact) throws OrderTokenRejectedException {
        if (compact == null || compact.isEmpty()) {
            throw new OrderTokenRejectedException(RejectionReason.MISSING, "no order token presented");
        }
        if (compact.length() > MAX_TOKEN_CHARS || !COMPACT.matcher(compact).matches()) {
            throw new OrderTokenRejectedException(RejectionReason.MALFORMED,
                    "expected base64url(claims).base64url(signature) of at most " + MAX_TOKEN_CHARS + " characters");
        }
        int dot = compact.indexOf('.');
        String claimsPart = compact.substring(0, dot);
        byte[] signatureBytes;
        byte[] claims;
        try {
            signatureBytes = Base64.getUrlDecoder().decode(compact.substring(dot + 1));
            claims = Base64.getUrlDecoder().decode(claimsPart);
        } catch (IllegalArgumentException e) {
            throw new OrderTokenRejectedException(RejectionReason.MALFORMED, "not base64url: " + e.getMessage());
        }
        // The decoder ignores the spare low bits of the last character, so four spellings of one signature would
        // all verify; only the gateway's own spelling is accepted, which keeps the remembered tokens exact.
        if (!isCanonical(signatureBytes, compact, dot + 1) || !isCanonical(claims, compact, 0)) {
            throw new OrderTokenRejectedException(RejectionReason.MALFORMED,
                    "not canonical base64url (spare bits of the last character are set)");
        }
        boolean valid;
        try {
            Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(claimsPart.getBytes(StandardCharsets.US_ASCII));
            valid = signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new OrderTokenRejectedException(RejectionReason.BAD_SIGNATURE,
                    "signature does not match the gateway's public key");
        }
        return claims;
    }

    private static boolean isCanonical(byte[] decoded, String compact, int from) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded);
        return compact.startsWith(encoded, from) && (from + encoded.length() == compact.length()
                || compact.charAt(from + encoded.length()) == '.');
    }

    private void checkClaims(OrderToken token, Set<DebugTool> allowedTools, Instant now) throws OrderTokenRejectedException {
        if (!token.audience().equals(audience)) {
            throw new OrderTokenRejectedException(RejectionReason.WRONG_AUDIENCE,
                    "token is for agent \"" + token.audience() + "\", this is agent \"" + audience + "\"");
        }
        if (!token.target().equals(target)) {
            throw new OrderTokenRejectedException(RejectionReason.WRONG_TARGET,
                    "token is for target \"" + token.target() + "\", this agent serves \"" + target + "\"");
        }
        if (!allowedTools.contains(token.tool())) {
            throw new OrderTokenRejectedException(RejectionReason.WRONG_TOOL,
                    "token grants " + token.tool().wireName() + ", this endpoint needs one of "
                            + allowedTools.stream().map(DebugTool::wireName).sorted().toList());
        }
        if (token.issuedAt().isAfter(now.plus(clockSkew))) {
            throw new OrderTokenRejectedException(RejectionReason.NOT_YET_VALID,
                    "issued at " + token.issuedAt() + ", now is " + now + " (allowed skew " + clockSkew + ")");
        }
        if (!token.expiresAt().isAfter(now.minus(clockSkew))) {
            throw new OrderTokenRejectedException(RejectionReason.EXPIRED,
                    "expired at " + token.expiresAt() + ", now is " + now + " (allowed skew " + clockSkew + ")");
        }
        if (token.ttl().compareTo(maxTtl) > 0) {
            throw new OrderTokenRejectedException(RejectionReason.TTL_TOO_LONG,
                    "lifetime " + token.ttl() + " exceeds the agent's limit of " + maxTtl);
        }
    }

    /** Settings, each checked when given so a bad value fails at start-up, not at the first order. */
    public static final class Builder {
        private @Nullable PublicKey publicKey;
        private @Nullable String audience;
        private @Nullable String target;
        private Clock clock = Clock.systemUTC();
        private Duration maxTtl = DEFAULT_MAX_TTL;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private int nonceCapacity = DEFAULT_NONCE_CAPACITY;

        public Builder publicKey(PublicKey key) {
            if (!(key instanceof EdECPublicKey)) {
                throw new IllegalArgumentException("the gateway key must be Ed25519, got " + key.getAlgorithm());
            }
            this.publicKey = key;
            return this;
        }

        /** The agent id: tokens whose {@code aud} differs are refused. */
        public Builder audience(String agentId) {
            this.audience = requireText("audience (agent id)", agentId);
            return this;
        }

        public Builder target(String targetName) {
            this.target = requireText("target", targetName);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder maxTtl(Duration maxTtl) {
            if (maxTtl.isNegative() || maxTtl.isZero() || maxTtl.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("maxTtl " + maxTtl + " must be between 1 s and 1 h; orders are short-lived");
            }
            this.maxTtl = maxTtl;
            return this;
        }

        public Builder clockSkew(Duration clockSkew) {
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("clockSkew " + clockSkew + " must be between 0 and 5 min; sync the clocks (NTP) instead");
            }
            this.clockSkew = clockSkew;
            return this;
        }

        public Builder nonceCapacity(int nonceCapacity) {
            if (nonceCapacity < 1) {
                throw new IllegalArgumentException("nonceCapacity " + nonceCapacity + " must be at least 1");
            }
            this.nonceCapacity = nonceCapacity;
            return this;
        }

        public OrderTokenVerifier build() {
            if (publicKey == null || audience == null || target == null) {
                throw new IllegalStateException("publicKey, audience and target are required; got publicKey="
                        + (publicKey != null) + " audience=" + audience + " target=" + target);
            }
            return new OrderTokenVerifier(this);
        }

        private static String requireText(String name, @Nullable String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank, got \"" + value + "\"");
            }
            return value;
        }
    }
}
