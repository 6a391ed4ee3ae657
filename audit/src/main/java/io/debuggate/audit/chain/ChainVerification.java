package io.debuggate.audit.chain;

import org.jspecify.annotations.Nullable;

/**
 * Result of verifying a range of one instance's chain.
 *
 * @param checkedEvents documents examined in the range
 * @param lastSequence highest sequence seen (0 if none)
 * @param signaturesVerified signed heads that verified against the trusted key
 * @param firstBreak {@code null} when the range is intact
 */
public record ChainVerification(String instance, long fromSequence, long toSequence, long checkedEvents,
        long lastSequence, int signaturesVerified, @Nullable ChainBreak firstBreak) {

    public boolean intact() {
        return firstBreak == null;
    }

    /** One line for logs and the CLI. */
    public String summary() {
        String range = "instance=" + instance + " range=" + fromSequence + ".."
                + (toSequence == Long.MAX_VALUE ? "end" : Long.toString(toSequence));
        if (firstBreak == null) {
            return "INTACT " + range + " events=" + checkedEvents + " last=" + lastSequence
                    + " signaturesVerified=" + signaturesVerified;
        }
        return "BROKEN " + range + " at sequence " + firstBreak.sequence() + " (" + firstBreak.kind() + "): "
                + firstBreak.detail();
    }
}
