package io.debuggate.gateway.auditapi;

import io.debuggate.audit.chain.ChainBreak;
import io.debuggate.audit.chain.ChainVerification;
import org.jspecify.annotations.Nullable;

/**
 * The answer to "has anybody rewritten this part of the record?".
 *
 * @param toSequence inclusive upper bound, {@code null} for "to the end"
 * @param expectedHead the head the chain had to reach (this gateway's last shipped event) when the
 *     range was open-ended on the local instance; a shorter chain is reported TRUNCATED
 * @param firstBreak where the chain stops proving itself, {@code null} when intact
 */
public record VerificationReport(
        boolean intact,
        String summary,
        String instance,
        long fromSequence,
        @Nullable Long toSequence,
        long checkedEvents,
        long lastSequence,
        int signaturesVerified,
        @Nullable Long expectedHead,
        @Nullable Break firstBreak) {

    /** The first broken link: its kind (MISSING, ALTERED, BROKEN_LINK, ...), place and explanation. */
    public record Break(String kind, long sequence, @Nullable String eventId, String detail) {
    }

    static VerificationReport of(ChainVerification v, @Nullable Long expectedHead) {
        ChainBreak b = v.firstBreak();
        return new VerificationReport(v.intact(), v.summary(), v.instance(), v.fromSequence(),
                v.toSequence() == Long.MAX_VALUE ? null : v.toSequence(), v.checkedEvents(), v.lastSequence(),
                v.signaturesVerified(), expectedHead,
                b == null ? null : new Break(b.kind().name(), b.sequence(), b.eventId(), b.detail()));
    }
}
