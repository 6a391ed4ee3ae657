package io.debuggate.audit.event;

import io.debuggate.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an already masked record into its stored, chained form (see {@link AuditEventFields}):
 * canonical JSON bytes and their hash.
 *
 * <p>Split in two so that the append lock — where sequence and previous hash are decided — is
 * held as briefly as possible: {@link #prepare} writes everything that does not depend on the
 * chain position (any thread, no lock), {@link #complete} splices in timestamp, sequence, id and
 * previous hash, hashes, and inserts the hash. The result is byte-identical to
 * {@link CanonicalJson} of the parsed document, which the tests check.
 */
public final class AuditEventEncoder {

    /** Longest summary of details put into {@code message}; the details themselves are kept whole. */
    static final int MESSAGE_DETAILS_LIMIT = 2048;
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ChainHash::digest);

    private final String instance;
    private final byte[] chainPrefix;
    private final IsoMillis timestamps = new IsoMillis();

    public AuditEventEncoder(String instance) {
        if (instance == null || !instance.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("instance id '" + instance + "' must be 1-64 letters, digits, '.',"
                    + " '_' or '-', e.g. gateway-1");
        }
        this.instance = instance;
        this.chainPrefix = new CanonicalJson(64).ascii("\"instance\":").string(instance).ascii(",\"prev\":\"")
                .toByteArray();
    }

    public static String eventId(String instance, long sequence) {
        return instance + "-" + sequence;
    }

    /** The parts of an event that do not depend on its place in the chain. */
    public record Prepared(byte[] afterPrev, byte[] afterId, byte[] afterSequence) {
    }

    public EncodedEvent encode(AuditRecord masked, long sequence, String previousHash, Instant when) {
        return complete(prepare(masked), sequence, previousHash, when.toEpochMilli());
    }

    public Prepared prepare(AuditRecord record) {
        String outcome = record.outcome().name().toLowerCase(Locale.ROOT);
        CanonicalJson out = new CanonicalJson(1024);
        out.ascii("\"}");
        if (!record.details().isEmpty()) {
            out.ascii(",\"details\":").value(record.details());
        }
        optional(out, "reason", record.reason());
        optional(out, "request", record.requestId());
        optional(out, "session", record.sessionId());
        optional(out, "target", record.target());
        out.ascii("},\"event\":{\"action\":").string(record.action())
                .ascii(",\"dataset\":\"" + AuditEventFields.EVENT_DATASET + "\",\"id\":\"" + instance + "-");
        byte[] afterPrev = out.toByteArray();
        out.reset();
        out.ascii("\",\"kind\":\"" + AuditEventFields.EVENT_KIND + "\",\"outcome\":").string(outcome)
                .ascii(",\"sequence\":");
        byte[] afterId = out.toByteArray();
        out.reset();
        out.ascii("},\"message\":").string(message(record));
        if (record.traceId() != null) {
            out.ascii(",\"trace\":{\"id\":").string(record.traceId()).put('}');
        }
        out.ascii(",\"user\":{\"name\":").string(record.user()).ascii("}}");
        return new Prepared(afterPrev, afterId, out.toByteArray());
    }

    /** Places a prepared event at {@code sequence} after {@code previousHash}. */
    public EncodedEvent complete(Prepared prepared, long sequence, String previousHash, long epochMillis) {
        byte[] head = ("{\"@timestamp\":\"" + timestamps.format(epochMillis) + "\",\"debuggate\":{\"chain\":{")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] prev = previousHash.getBytes(StandardCharsets.US_ASCII);
        byte[] digits = Long.toString(sequence).getBytes(StandardCharsets.US_ASCII);
        MessageDigest sha = SHA256.get();
        sha.reset();
        sha.update(head);
        sha.update(chainPrefix);
        sha.update(prev);
        sha.update(prepared.afterPrev());
        sha.update(digits);
        sha.update(prepared.afterId());
        sha.update(digits);
        sha.update(prepared.afterSequence());
        String hash = HEX.formatHex(sha.digest());
        CanonicalJson out = new CanonicalJson(head.length + 80 + chainPrefix.length + 64
                + prepared.afterPrev().length + prepared.afterId().length + prepared.afterSequence().length + 40);
        out.raw(head).ascii("\"hash\":\"").ascii(hash).ascii("\",").raw(chainPrefix).raw(prev)
                .raw(prepared.afterPrev()).raw(digits).raw(prepared.afterId()).raw(digits)
                .raw(prepared.afterSequence());
        return new EncodedEvent(eventId(instance, sequence), sequence, epochMillis, hash, out.toByteArray());
    }

    /** The hash a stored document must carry: SHA-256 over its canonical form without the hash. */
    public static String expectedHash(JsonNode storedDocument) {
        JsonNode copy = storedDocument.deepCopy();
        JsonNode chain = copy.path("debuggate").path("chain");
        if (chain instanceof ObjectNode chainObject) {
            chainObject.remove("hash");
        }
        return ChainHash.sha256Hex(CanonicalJson.bytes(copy));
    }

    private static void optional(CanonicalJson out, String field, @Nullable String value) {
        if (value != null) {
            out.put(',').string(field).put(':').string(value);
        }
    }

    private static String message(AuditRecord record) {
        StringBuilder text = new StringBuilder(128)
                .append(record.action()).append(' ').append(record.outcome().name().toLowerCase(Locale.ROOT))
                .append(" user=").append(record.user());
        appendIfPresent(text, " target=", record.target());
        appendIfPresent(text, " session=", record.sessionId());
        appendIfPresent(text, " request=", record.requestId());
        appendIfPresent(text, ": ", record.reason());
        if (!record.details().isEmpty()) {
            StringBuilder details = new StringBuilder();
            flatten("", record.details(), details);
            text.append(" |").append(details.length() > MESSAGE_DETAILS_LIMIT
                    ? details.substring(0, MESSAGE_DETAILS_LIMIT) + "…" : details);
        }
        return text.toString();
    }

    private static void flatten(String prefix, @Nullable Object value, StringBuilder out) {
        if (out.length() > MESSAGE_DETAILS_LIMIT) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey((a, b) -> String.valueOf(a).compareTo(String.valueOf(b))))
                    .forEach(e -> flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(),
                            e.getValue(), out));
        } else if (value instanceof Collection<?> list) {
            for (Object element : list) {
                flatten(prefix, element, out);
            }
        } else if (value != null) {
            out.append(' ').append(prefix).append('=').append(value);
        }
    }

    private static void appendIfPresent(StringBuilder text, String label, @Nullable String value) {
        if (value != null) {
            text.append(label).append(value);
        }
    }
}
