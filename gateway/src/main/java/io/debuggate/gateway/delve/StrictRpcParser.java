package io.debuggate.gateway.delve;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses one client message as a Delve JSON-RPC request, refusing what Go would read differently
 * from us (debug-protocols.md §1.5): duplicate keys (Go lets the last one win), keys in another
 * case ({@code "METHOD"}), unknown envelope keys, {@code params} that is not an array of at most
 * one object (v1.20.2 stops serving the connection without a reply). Parameter keys are checked
 * by the policy's schemas; here only the envelope.
 */
public final class StrictRpcParser {

    private static final Set<String> ENVELOPE = Set.of("method", "params", "id");

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final JsonMapper LENIENT = JsonMapper.builder().build();

    public RpcRequest parse(byte[] message) {
        JsonNode root;
        try {
            root = STRICT.readTree(message);
        } catch (StreamReadException e) {
            String detail = e.getOriginalMessage();
            if (detail.startsWith("Duplicate")) {
                throw new MalformedRpcException("duplicate key (" + detail + "): Delve would let the last one win; send each key once",
                        idForErrorReply(message));
            }
            throw new MalformedRpcException("malformed JSON: " + detail, null);
        } catch (JacksonException e) {
            throw new MalformedRpcException("malformed JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRpcException("a request must be a JSON object", null);
        }
        JsonNode id = root.get("id");
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!ENVELOPE.contains(e.getKey())) {
                String hint = ENVELOPE.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))
                        ? "; keys are case-sensitive here, send '" + e.getKey().toLowerCase(java.util.Locale.ROOT) + "'"
                        : "; a request has only method, params and id";
                throw new MalformedRpcException("unknown request key '" + e.getKey() + "'" + hint, id);
            }
        }
        if (id == null) {
            throw new MalformedRpcException("request has no id; without one its reply cannot be matched", null);
        }
        JsonNode method = root.get("method");
        if (method == null || !method.isString() || method.stringValue().isEmpty()) {
            throw new MalformedRpcException("request needs a method string, e.g. \"RPCServer.State\"", id);
        }
        return new RpcRequest(id, method.stringValue(), params(root.get("params"), id));
    }

    /** The id of a request refused for its keys, read leniently only to address the error reply. */
    private static @Nullable JsonNode idForErrorReply(byte[] message) {
        try {
            JsonNode root = LENIENT.readTree(message);
            JsonNode id = root == null ? null : root.get("id");
            return id == null || id.isContainer() ? null : id;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable JsonNode params(@Nullable JsonNode params, JsonNode id) {
        if (params == null || params.isNull()) {
            throw new MalformedRpcException("params must be an array with one object, e.g. \"params\":[{}]", id);
        }
        if (!params.isArray()) {
            throw new MalformedRpcException("params must be an array with one object, not " + params.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT) + "; e.g. \"params\":[{}]", id);
        }
        if (params.size() > 1) {
            throw new MalformedRpcException("params has " + params.size() + " elements; Delve reads only the first, send one", id);
        }
        if (params.isEmpty() || params.get(0).isNull()) {
            return null;
        }
        if (!params.get(0).isObject()) {
            throw new MalformedRpcException("params[0] must be an object", id);
        }
        return params.get(0);
    }
}
