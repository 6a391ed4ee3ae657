package io.debuggate.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.agent.testsupport.FakeClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class OrderTokenVerifierTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Set<DebugTool> PPROF = Set.of(DebugTool.PPROF);
    private static final Set<DebugTool> DEBUGGERS = Set.of(DebugTool.DLV, DebugTool.DAP);

    private final KeyPair gateway = Ed25519Keys.generate();
    private final KeyPair mallory = Ed25519Keys.generate();
    private final FakeClock clock = new FakeClock(T0);
    private final OrderTokenSigner signer = new OrderTokenSigner(gateway.getPrivate());
    private final OrderTokenVerifier verifier = OrderTokenVerifier.builder().publicKey(gateway.getPublic())
            .audience("node-7").target("payment-svc/demo-0").clock(clock).maxTtl(Duration.ofMinutes(5))
            .clockSkew(Duration.ofSeconds(30)).nonceCapacity(3).build();

    private OrderToken order(DebugTool tool) {
        return OrderToken.issue("debuggate-gateway", "node-7", "payment-svc/demo-0", "sess-1", "alice", tool, clock,
                Duration.ofMinutes(2));
    }

    @Test
    void aSignedOrderComesBackExactlyAsIssued() throws Exception {
        OrderToken order = order(DebugTool.PPROF);
        assertThat(verifier.verify(signer.sign(order), PPROF)).isEqualTo(order);
    }

    @Test
    void anOrderSignedByAnotherKeyIsRefused() {
        String forged = new OrderTokenSigner(mallory.getPrivate()).sign(order(DebugTool.PPROF));
        assertRejected(() -> verifier.verify(forged, PPROF), RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void swappingTheClaimsOfAGenuineTokenBreaksTheSignature() {
        String genuine = signer.sign(order(DebugTool.PPROF));
        String otherClaims = signer.sign(order(DebugTool.DLV)).split("\\.")[0];
        String tampered = otherClaims + "." + genuine.split("\\.")[1];
        assertRejected(() -> verifier.verify(tampered, DEBUGGERS), RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void anExpiredOrderIsRefusedOnceTheSkewIsUsedUp() throws Exception {
        String token = signer.sign(order(DebugTool.PPROF));
        clock.advance(Duration.ofMinutes(2).plusSeconds(29));
        assertThat(verifier.verify(token, PPROF)).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertRejected(() -> verifier.verify(token, PPROF), RejectionReason.EXPIRED);
    }

    @Test
    void anOrderFromTheFutureIsRefusedBeyondTheSkew() throws Exception {
        clock.advance(Duration.ofSeconds(30));
        String nearFuture = signer.sign(order(DebugTool.PPROF));
        clock.advance(Duration.ofSeconds(1));
        String farFuture = signer.sign(order(DebugTool.PPROF));
        clock.set(T0);
        assertThat(verifier.verify(nearFuture, PPROF)).isNotNull();
        assertRejected(() -> verifier.verify(farFuture, PPROF), RejectionReason.NOT_YET_VALID);
    }

    @Test
    void ordersForAnotherAgentTargetOrToolAreRefused() {
        OrderToken base = order(DebugTool.PPROF);
        OrderToken otherAgent = new OrderToken(base.issuer(), "node-8", base.target(), base.sessionId(), base.user(),
                base.tool(), base.issuedAt(), base.expiresAt(), base.nonce());
        OrderToken otherTarget = new OrderToken(base.issuer(), base.audience(), "ledger-svc/0", base.sessionId(),
                base.user(), base.tool(), base.issuedAt(), base.expiresAt(), base.nonce());
        assertRejected(() -> verifier.verify(signer.sign(otherAgent), PPROF), RejectionReason.WRONG_AUDIENCE);
        assertRejected(() -> verifier.verify(signer.sign(otherTarget), PPROF), RejectionReason.WRONG_TARGET);
        assertRejected(() -> verifier.verify(signer.sign(base), DEBUGGERS), RejectionReason.WRONG_TOOL);
    }

    @Test
    void anOrderLivingLongerThanTheAgentAllowsIsRefused() {
        OrderToken longLived = OrderToken.issue("debuggate-gateway", "node-7", "payment-svc/demo-0", "sess-1", "alice",
                DebugTool.DLV, clock, Duration.ofMinutes(5).plusSeconds(1));
        assertRejected(() -> verifier.verify(signer.sign(longLived), DEBUGGERS), RejectionReason.TTL_TOO_LONG);
    }

    @Test
    void aRelayTokenOpensOneConnectionOnly() throws Exception {
        String token = signer.sign(order(DebugTool.DLV));
        verifier.verifyOnce(token, DEBUGGERS);
        assertRejected(() -> verifier.verifyOnce(token, DEBUGGERS), RejectionReason.REPLAYED);
        // Plain verify (attach, pprof) may see the same token again.
        assertThat(verifier.verify(token, DEBUGGERS)).isNotNull();
    }

    @Test
    void aFullNonceLedgerRefusesUntilOldNoncesExpire() throws Exception {
        for (int i = 0; i < 3; i++) {
            verifier.verifyOnce(signer.sign(order(DebugTool.DLV)), DEBUGGERS);
        }
        String fourth = signer.sign(order(DebugTool.DLV));
        assertRejected(() -> verifier.verifyOnce(fourth, DEBUGGERS), RejectionReason.LEDGER_FULL);
        clock.advance(Duration.ofMinutes(3));
        assertThat(verifier.verifyOnce(signer.sign(order(DebugTool.DLV)), DEBUGGERS)).isNotNull();
    }

    @Test
    void aRememberedSignatureStillHasEveryClaimCheckedOnEachUse() throws Exception {
        String token = signer.sign(order(DebugTool.PPROF));
        verifier.verify(token, PPROF);
        verifier.verify(token, PPROF);
        assertThat(verifier.rememberedSignatures()).isEqualTo(1);

        assertRejected(() -> verifier.verify(token, DEBUGGERS), RejectionReason.WRONG_TOOL);
        clock.advance(Duration.ofMinutes(2).plusSeconds(30));
        assertRejected(() -> verifier.verify(token, PPROF), RejectionReason.EXPIRED);
    }

    @Test
    void onlyTheExactBytesOfAVerifiedOrderSkipTheSignatureCheck() throws Exception {
        String token = signer.sign(order(DebugTool.PPROF));
        verifier.verify(token, PPROF);
        // A character inside the signature: every one of its six bits is part of the signature.
        int inside = token.indexOf('.') + 10;
        char original = token.charAt(inside);
        String altered = token.substring(0, inside) + (original == 'A' ? 'B' : 'A') + token.substring(inside + 1);
        assertRejected(() -> verifier.verify(altered, PPROF), RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void aSecondSpellingOfTheSameSignatureIsRefused() throws Exception {
        // 64 signature bytes fill 86 characters with 4 spare bits in the last one; setting a spare bit decodes to the
        // same bytes (the CI failure of the last-character test above, one run in four).
        String token = signer.sign(order(DebugTool.PPROF));
        char last = token.charAt(token.length() - 1);
        String respelled = token.substring(0, token.length() - 1) + (char) (last + 1);
        assertThat(Base64.getUrlDecoder().decode(respelled.substring(respelled.indexOf('.') + 1)))
                .isEqualTo(Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1)));
        assertRejected(() -> verifier.verify(respelled, PPROF), RejectionReason.MALFORMED);
        verifier.verify(token, PPROF);
        assertRejected(() -> verifier.verify(respelled, PPROF), RejectionReason.MALFORMED);
    }

    @Test
    void refusedAndSingleUseOrdersAreNotRemembered() throws Exception {
        String wrongTool = signer.sign(order(DebugTool.DLV));
        assertRejected(() -> verifier.verify(wrongTool, PPROF), RejectionReason.WRONG_TOOL);
        String relay = signer.sign(order(DebugTool.DLV));
        verifier.verifyOnce(relay, DEBUGGERS);
        assertThat(verifier.rememberedSignatures()).isZero();
        assertRejected(() -> verifier.verifyOnce(relay, DEBUGGERS), RejectionReason.REPLAYED);
    }

    @Test
    void malformedTokensAreRefusedWithAReason() {
        String valid = signer.sign(order(DebugTool.PPROF));
        assertRejected(() -> verifier.verify(null, PPROF), RejectionReason.MISSING);
        assertRejected(() -> verifier.verify("", PPROF), RejectionReason.MISSING);
        assertRejected(() -> verifier.verify("no-dot-here", PPROF), RejectionReason.MALFORMED);
        assertRejected(() -> verifier.verify(valid + ".extra", PPROF), RejectionReason.MALFORMED);
        assertRejected(() -> verifier.verify(valid.replace('.', '+'), PPROF), RejectionReason.MALFORMED);
        assertRejected(() -> verifier.verify("a".repeat(5000) + ".b", PPROF), RejectionReason.MALFORMED);
        assertRejected(() -> verifier.verify("A.A", PPROF), RejectionReason.MALFORMED);
    }

    @Test
    void correctlySignedButBadClaimsAreMalformed() {
        String claims = """
                "iss":"debuggate-gateway","aud":"node-7","target":"payment-svc/demo-0","sid":"s","sub":"alice",\
                "tool":"pprof","iat":%d,"exp":%d,"nonce":"n1"\
                """.formatted(T0.getEpochSecond(), T0.getEpochSecond() + 60);
        assertThat(catchReason("{" + claims + "}")).as("the well-formed baseline").isNull();
        assertThat(catchReason("[" + claims.replace(":", ",") + "]")).isEqualTo(RejectionReason.MALFORMED);
        assertThat(catchReason("{" + claims + ",\"admin\":true}")).isEqualTo(RejectionReason.MALFORMED);
        assertThat(catchReason("{" + claims.replace("\"nonce\":\"n1\"", "\"x\":\"n1\"") + "}")).isEqualTo(RejectionReason.MALFORMED);
        assertThat(catchReason("{" + claims + ",\"aud\":\"node-7\"}")).as("duplicate key").isEqualTo(RejectionReason.MALFORMED);
        assertThat(catchReason("{" + claims.replace("\"pprof\"", "\"PPROF\"") + "}")).isEqualTo(RejectionReason.MALFORMED);
        assertThat(catchReason("{" + claims.replace("\"iat\":", "\"iat\":\"") .replace(",\"exp\"", "\",\"exp\"") + "}"))
                .as("string time").isEqualTo(RejectionReason.MALFORMED);
        assertThat(catchReason("{" + claims + "} {}")).as("trailing JSON").isEqualTo(RejectionReason.MALFORMED);
        assertThat(catchReason("not json")).isEqualTo(RejectionReason.MALFORMED);
    }

    @Test
    void rejectionMessagesNeverQuoteTheToken() {
        String token = signer.sign(order(DebugTool.PPROF));
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> verifier.verify(token, PPROF)).hasMessageNotContaining(token.split("\\.")[1])
                .hasMessageNotContaining(token.split("\\.")[0]).hasMessageStartingWith("expired: expired at");
    }

    @Test
    void badVerifierSettingsAreRefusedAtOnce() {
        assertThatThrownBy(() -> OrderTokenVerifier.builder().maxTtl(Duration.ZERO))
                .hasMessageContaining("maxTtl PT0S");
        assertThatThrownBy(() -> OrderTokenVerifier.builder().maxTtl(Duration.ofHours(2)))
                .hasMessageContaining("PT2H").hasMessageContaining("short-lived");
        assertThatThrownBy(() -> OrderTokenVerifier.builder().clockSkew(Duration.ofMinutes(10)))
                .hasMessageContaining("NTP");
        assertThatThrownBy(() -> OrderTokenVerifier.builder().audience(" ")).hasMessageContaining("\" \"");
        assertThatThrownBy(() -> OrderTokenVerifier.builder().publicKey(gateway.getPublic()).build())
                .hasMessageContaining("audience=null");
        assertThatThrownBy(() -> OrderTokenVerifier.builder()
                .publicKey(KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic()))
                .hasMessageContaining("must be Ed25519, got EC");
        assertThatThrownBy(() -> new OrderTokenSigner(KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate()))
                .hasMessageContaining("got key algorithm EC");
    }

    private RejectionReason catchReason(String claimsJson) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String claims = b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(gateway.getPrivate());
            signature.update(claims.getBytes(StandardCharsets.US_ASCII));
            verifier.verify(claims + "." + b64.encodeToString(signature.sign()), PPROF);
            return null;
        } catch (OrderTokenRejectedException e) {
            return e.reason();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRejected(ThrowingCallable call, RejectionReason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OrderTokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason)).hasMessageStartingWith(reason.wireName() + ": ");
    }
}
