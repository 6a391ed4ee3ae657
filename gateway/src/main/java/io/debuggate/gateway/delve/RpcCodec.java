package io.debuggate.gateway.delve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes requests the gateway forwards and replies it returns, always in one canonical shape and
 * ending in {@code \n} as Go's encoder does. Requests are rebuilt from the checked object, never
 * copied from the client's bytes (debug-protocols.md §1.5).
 */
public final class RpcCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final byte[] ID_PREFIX = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESULT_NAME = ",\"result\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_NAME = ",\"error\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHILDREN = "children".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNICODE_ESCAPE = "\\u".getBytes(StandardCharsets.US_ASCII);
    private static final String PREFIX = "RPCServer.";

    /** {@code {"method":"RPCServer.M","params":[{...}],"id":N}}. */
    public byte[] request(RpcRequest request, long upstreamId) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringProperty("method", PREFIX + request.shortMethod());
            g.writeName("params");
            g.writeStartArray();
            if (request.params() == null) {
                g.writeStartObject();
                g.writeEndObject();
            } else {
                MAPPER.writeTree(g, request.params());
            }
            g.writeEndArray();
            g.writeNumberProperty("id", upstreamId);
            g.writeEndObject();
        }, 128);
    }

    /** A reply to the client, with the client's own id. */
    public byte[] reply(JsonNode clientId, @Nullable JsonNode result, @Nullable String error) {
        return write(g -> {
            g.writeStartObject();
            g.writeName("id");
            MAPPER.writeTree(g, clientId);
            g.writeName("result");
            if (result == null) {
                g.writeNull();
            } else {
                MAPPER.writeTree(g, result);
            }
            g.writeName("error");
            if (error == null) {
                g.writeNull();
            } else {
                g.writeString(error);
            }
            g.writeEndObject();
        }, 256);
    }

    /** Reads a reply from dlv (trusted peer, ordinary parsing). */
    public RpcReply readReply(byte[] message) {
        JsonNode root;
        try {
            root = MAPPER.readTree(message);
        } catch (JacksonException e) {
            throw new FramingException("dlv sent malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.has("id")) {
            throw new FramingException("dlv sent a message without an id");
        }
        JsonNode result = root.get("result");
        JsonNode error = root.get("error");
        return new RpcReply(root.get("id"), result == null || result.isNull() ? null : result,
                error == null || error.isNull() ? null : error.asString());
    }

    /**
     * The id of a reply from dlv if it is the first property and an integer (Go's encoder writes
     * {@code id} first), else -1 and the caller parses the whole reply.
     */
    public long peekId(byte[] message) {
        long id = ReplyIdPrefix.read(message);
        return id == ReplyIdPrefix.UNREAD ? peekIdByParser(message) : id;
    }

    /** The same question for any spelling Jackson reads (spaces, escapes, large or signed numbers). */
    private static long peekIdByParser(byte[] message) {
        try (JsonParser p = MAPPER.createParser(message)) {
            if (p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.PROPERTY_NAME
                    && "id".equals(p.currentName()) && p.nextToken() == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return p.getLongValue();
            }
            return -1;
        } catch (JacksonException e) {
            return -1;
        }
    }

    /**
     * Whether a reply may hold a Delve {@code Variable}: the masking of Variables knows them by
     * their {@code children} key, which Go writes as plain bytes. Any backslash-u escape also
     * counts, since an escaped key could spell it; both only ever err towards the tree path.
     */
    public static boolean mayHoldVariables(byte[] message) {
        return contains(message, CHILDREN) || contains(message, UNICODE_ESCAPE);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A reply rewritten while streaming: the bytes for the client and dlv's error, masked, if any. */
    public record StreamedReply(byte[] bytes, @Nullable String error) {
    }

    /**
     * Rewrites dlv's reply for the client without building a tree: the client's id, the result
     * copied through {@code masker}, the error masked.
     *
     * @throws FramingException when dlv's reply is not the object it should be
     */
    public StreamedReply streamReply(byte[] message, JsonNode clientId, StreamingJsonMasker masker,
                                     java.util.function.UnaryOperator<String> maskError) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        String error = streamReply(message, clientId, masker, maskError, out);
        return new StreamedReply(out.toByteArray(), error);
    }

    /**
     * As {@link #streamReply(byte[], JsonNode, StreamingJsonMasker, java.util.function.UnaryOperator)},
     * writing into {@code out} as it goes (which may pass the bytes on before the reply is complete).
     *
     * @return dlv's error, masked, if any
     */
    public @Nullable String streamReply(byte[] message, JsonNode clientId, StreamingJsonMasker masker,
                                        java.util.function.UnaryOperator<String> maskError, ByteArrayOutputStream out) {
        int to = message.length;
        int i = JsonBytes.skipWhitespace(message, 0, to);
        if (i >= to || message[i] != '{') {
            throw new FramingException("dlv sent a reply that is not an object");
        }
        writeReplyHead(clientId, out);
        return finishReply(message, JsonBytes.skipWhitespace(message, i + 1, to), false, masker, maskError, out);
    }

    /** The start of the client's reply, up to where its result goes: {@code {"id":<client's id>,"result":}. */
    static void writeReplyHead(JsonNode clientId, ByteArrayOutputStream out) {
        out.writeBytes(ID_PREFIX);
        out.writeBytes(MAPPER.writeValueAsBytes(clientId));
        out.writeBytes(RESULT_NAME);
    }

    /**
     * Reads dlv's reply from {@code i} (a member name, or the closing brace) to its end, copying
     * the first {@code result} through {@code masker} unless one was copied already, and ends the
     * client's reply: {@code null} for a result never seen, then the error, masked.
     *
     * @return dlv's error, masked, if any
     */
    static @Nullable String finishReply(byte[] message, int i, boolean resultCopied, StreamingJsonMasker masker,
                                        java.util.function.UnaryOperator<String> maskError, ByteArrayOutputStream out) {
        int to = message.length;
        boolean resultSeen = resultCopied;
        String error = null;
        while (i < to && message[i] != '}') {
            if (message[i] != '"') {
                throw new FramingException("dlv sent a reply whose member names are not strings");
            }
            int close = JsonBytes.closingQuote(message, i + 1, to);
            String name = JsonBytes.decode(message, i + 1, close);
            int colon = JsonBytes.skipWhitespace(message, close + 1, to);
            if (colon >= to || message[colon] != ':') {
                throw new FramingException("dlv sent a reply with a member name not followed by ':'");
            }
            int valueStart = JsonBytes.skipWhitespace(message, colon + 1, to);
            int valueEnd;
            if (name.equals("result") && !resultSeen) {
                // Masked straight into the reply in one pass: the result is nearly all of a large reply.
                valueEnd = masker.copyValue(message, valueStart, to, out);
                resultSeen = true;
            } else {
                valueEnd = JsonBytes.endOfValue(message, valueStart, to);
                if (name.equals("error")) {
                    if (message[valueStart] == '"') {
                        error = maskError.apply(JsonBytes.decode(message, valueStart + 1, valueEnd - 1));
                    } else if (!JsonBytes.isNull(message, valueStart, valueEnd)) {
                        throw new FramingException("dlv sent a reply whose error is neither a string nor null");
                    }
                } // the id (replaced above) and anything unknown are dropped
            }
            i = nextMember(message, valueEnd, to);
        }
        // The reply must close where its frame ends: a cut in the wrong place is refused, not patched up.
        if (i >= to || JsonBytes.skipWhitespace(message, i + 1, to) != to) {
            throw new FramingException("dlv sent a reply that does not end where its object closes");
        }
        if (!resultSeen) {
            out.writeBytes(NULL);
        }
        out.writeBytes(ERROR_NAME);
        if (error == null) {
            out.writeBytes(NULL);
        } else {
            JsonBytes.writeString(error, out);
        }
        out.write('}');
        out.write('\n');
        return error;
    }

    /** Past the whitespace and the one comma after a member's value: at the next member's name or the closing brace. */
    static int nextMember(byte[] message, int valueEnd, int to) {
        int i = JsonBytes.skipWhitespace(message, valueEnd, to);
        if (i < to && message[i] == ',') {
            i = JsonBytes.skipWhitespace(message, i + 1, to);
        }
        return i;
    }

    /** Serializes a params object compactly for the audit trail. */
    public String compact(@Nullable JsonNode node) {
        return node == null ? "{}" : MAPPER.writeValueAsString(node);
    }

    private interface Body {
        void write(JsonGenerator g);
    }

    private static byte[] write(Body body, int sizeHint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            body.write(g);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
