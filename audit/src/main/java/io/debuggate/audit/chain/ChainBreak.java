package io.debuggate.audit.chain;

import org.jspecify.annotations.Nullable;

/**
 * The first place where the stored chain stops proving itself.
 *
 * @param sequence where the break shows (for {@link Kind#MISSING}: the first missing sequence)
 * @param eventId document id at that place, when there is a document
 */
public record ChainBreak(Kind kind, long sequence, @Nullable String eventId, String detail) {

    /** What kind of tampering or loss the break points to. */
    public enum Kind {
        /** A sequence number has no event: an event was deleted (or never arrived). */
        MISSING,
        /** Two documents claim the same sequence: an event was inserted. */
        DUPLICATE,
        /** The event's content does not match its own hash: it was altered. */
        ALTERED,
        /**
         * The event's {@code prev} is not the hash of its predecessor: events were reordered, or one
         * was altered and re-hashed, or a forged event was chained in.
         */
        BROKEN_LINK,
        /** Document id, instance or sequence fields disagree: an event was copied or moved. */
        MISPLACED,
        /** A signed head does not verify, or pins a hash the chain does not have. */
        BAD_SIGNATURE,
        /** The chain ends before the head the caller knows was written: its tail was deleted. */
        TRUNCATED,
        /** A stored document is not an audit event at all. */
        INVALID
    }
}
