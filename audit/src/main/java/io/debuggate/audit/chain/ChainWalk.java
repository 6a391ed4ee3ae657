package io.debuggate.audit.chain;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.event.AuditEventEncoder;
import io.debuggate.audit.event.ChainHash;
import java.security.PublicKey;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The verifier's state while stepping through documents in sequence order. Each document is
 * checked for: a valid shape, its id, its own hash, its place (duplicate or gap), its link to the
 * predecessor, and — for signed heads — the signature and the hash it pins.
 */
final class ChainWalk {

    /** Hashes of recent sequences, so a signed head can be compared with the chain it pins. */
    private static final int WINDOW = 1 << 18;

    private final String instance;
    private final long from;
    private final long to;
    private final @Nullable PublicKey trustedKey;
    private final String[] recent = new String[WINDOW];
    private long lastSequence;
    private @Nullable String lastHash;
    private long checked;
    private int signaturesVerified;
    private @Nullable ChainBreak firstBreak;

    ChainWalk(String instance, long from, long to, @Nullable PublicKey trustedKey) {
        this.instance = instance;
        this.from = from;
        this.to = to;
        this.trustedKey = trustedKey;
        this.lastSequence = from - 1;
        this.lastHash = from == 1 ? ChainHash.GENESIS : null;
    }

    boolean done() {
        return firstBreak != null;
    }

    void accept(String documentId, JsonNode source) {
        long sequence = source.path("event").path("sequence").asLong(-1);
        boolean anchor = sequence == from - 1;
        String hash = source.path("debuggate").path("chain").path("hash").asString("");
        String prev = source.path("debuggate").path("chain").path("prev").asString("");
        String eventId = source.path("event").path("id").asString("");
        if (sequence < 1 || !ChainHash.looksLikeHash(hash) || !ChainHash.looksLikeHash(prev)) {
            fail(ChainBreak.Kind.INVALID, Math.max(sequence, lastSequence + 1), documentId,
                    "document " + documentId + " lacks a valid event.sequence or chain hashes");
            return;
        }
        boolean hashOk = AuditEventEncoder.expectedHash(source).equals(hash);
        if (anchor) {
            // the event before the range only provides the link for the first event in it
            lastHash = hashOk ? hash : null;
            remember(sequence, hash);
            return;
        }
        checked++;
        String expectedId = AuditEventEncoder.eventId(instance, sequence);
        if (!documentId.equals(expectedId) || !eventId.equals(expectedId)) {
            fail(ChainBreak.Kind.MISPLACED, sequence, documentId, "document id " + documentId + " / event.id "
                    + eventId + " should both be " + expectedId + ": the event was copied or moved");
        } else if (!hashOk) {
            fail(ChainBreak.Kind.ALTERED, sequence, documentId, "content of " + documentId
                    + " does not match its hash: the event was altered after it was written");
        } else if (sequence == lastSequence && checked > 1) {
            fail(ChainBreak.Kind.DUPLICATE, sequence, documentId, "a second document claims sequence " + sequence
                    + ": an event was inserted");
        } else if (sequence > lastSequence + 1) {
            fail(ChainBreak.Kind.MISSING, lastSequence + 1, null, "sequence " + (lastSequence + 1)
                    + (sequence - 1 > lastSequence + 1 ? ".." + (sequence - 1) : "") + " not found before " + documentId
                    + ": events were deleted");
        } else if (lastHash != null && !prev.equals(lastHash)) {
            fail(ChainBreak.Kind.BROKEN_LINK, sequence, documentId, documentId + " does not follow the hash of event "
                    + (sequence - 1) + ": events were reordered, or " + (sequence - 1)
                    + " was altered and re-hashed, or a forged event was chained in");
        } else if (AuditActions.CHAIN_HEAD_SIGNED.equals(source.path("event").path("action").asString(""))) {
            checkSignature(sequence, documentId, source.path("debuggate").path("details"));
        }
        if (firstBreak == null) {
            lastSequence = sequence;
            lastHash = hash;
            remember(sequence, hash);
        }
    }

    private void checkSignature(long sequence, String documentId, JsonNode details) {
        long signedSequence = details.path("signed_sequence").asLong(-1);
        String signedHash = details.path("signed_hash").asString("");
        String known = signedSequence > 0 && signedSequence > sequence - WINDOW && signedSequence < sequence
                ? recent[(int) (signedSequence % WINDOW)] : null;
        if (known != null && !known.equals(signedHash)) {
            fail(ChainBreak.Kind.BAD_SIGNATURE, signedSequence, documentId, "signed head " + documentId
                    + " pins hash " + signedHash + " for sequence " + signedSequence + " but the chain holds " + known
                    + ": events up to " + signedSequence + " were rewritten after they were signed");
            return;
        }
        if (trustedKey == null) {
            return;
        }
        if (!ChainSignatures.keyId(trustedKey).equals(details.path("key_id").asString(""))
                || !ChainSignatures.verify(trustedKey, instance, signedSequence, signedHash,
                        details.path("signature").asString(""))) {
            fail(ChainBreak.Kind.BAD_SIGNATURE, sequence, documentId, "signed head " + documentId
                    + " does not verify with the trusted key " + ChainSignatures.keyId(trustedKey));
            return;
        }
        signaturesVerified++;
    }

    ChainVerification finish(long expectedHead) {
        if (firstBreak == null && to != Long.MAX_VALUE && lastSequence < to) {
            fail(ChainBreak.Kind.MISSING, lastSequence + 1, null, "sequence " + (lastSequence + 1) + ".." + to
                    + " not found: events at the end of the range were deleted or not shipped yet");
        }
        if (firstBreak == null && expectedHead > 0 && lastSequence < Math.min(expectedHead, to)) {
            fail(ChainBreak.Kind.TRUNCATED, lastSequence + 1, null, "the chain ends at " + lastSequence
                    + " but the gateway wrote up to " + expectedHead + ": its tail was deleted or not shipped yet");
        }
        return new ChainVerification(instance, from, to, checked, lastSequence < from ? 0 : lastSequence,
                signaturesVerified, firstBreak);
    }

    private void remember(long sequence, String hash) {
        recent[(int) (sequence % WINDOW)] = hash;
    }

    private void fail(ChainBreak.Kind kind, long sequence, @Nullable String eventId, String detail) {
        if (firstBreak == null) {
            firstBreak = new ChainBreak(kind, sequence, eventId, detail);
        }
    }
}
