package io.debuggate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.audit.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class RememberingJwtDecoderTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final List<String> issuerChecks = new ArrayList<>();
    /** Accepts "good-*" tokens valid for 15 min from T0 (checked against the test clock, as the real one would), refuses the rest. */
    private final JwtDecoder issuer = token -> {
        issuerChecks.add(token);
        if (!token.startsWith("good-") || !clock.instant().isBefore(T0.plus(Duration.ofMinutes(15)))) {
            throw new BadJwtException("refused " + token);
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                .issuedAt(T0).expiresAt(T0.plus(Duration.ofMinutes(15))).build();
    };
    private final RememberingJwtDecoder decoder = new RememberingJwtDecoder(issuer, clock, 2);

    @Test
    void anAcceptedTokenIsCheckedByTheIssuerOnceUntilItExpires() {
        Jwt first = decoder.decode("good-1");
        clock.advance(Duration.ofMinutes(14));
        assertThat(decoder.decode("good-1")).isSameAs(first);
        assertThat(issuerChecks).containsExactly("good-1");

        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> decoder.decode("good-1")).isInstanceOf(BadJwtException.class);
        assertThat(issuerChecks).containsExactly("good-1", "good-1");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(issuerChecks).containsExactly("forged", "forged");
        assertThat(decoder.size()).isZero();
    }

    @Test
    void aTokenWithoutExpiryIsNeverRemembered() {
        RememberingJwtDecoder noExp = new RememberingJwtDecoder(token -> {
            issuerChecks.add(token);
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice").build();
        }, clock, 2);
        noExp.decode("t");
        noExp.decode("t");
        assertThat(issuerChecks).containsExactly("t", "t");
    }

    @Test
    void theCacheStaysWithinItsCapacity() {
        decoder.decode("good-1");
        decoder.decode("good-2");
        decoder.decode("good-3");
        assertThat(decoder.size()).isLessThanOrEqualTo(2);
        assertThat(decoder.decode("good-3").getTokenValue()).isEqualTo("good-3");
    }
}
