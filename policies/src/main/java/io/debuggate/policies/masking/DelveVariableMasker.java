package io.debuggate.policies.masking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Masks Delve JSON-RPC results. Anything shaped like an {@code api.Variable} (debug-protocols.md
 * §3.1) is masked structurally, at every depth:
 * <ul>
 *   <li>a variable whose {@code type}/{@code realType} is on the Go-type blocklist, or whose
 *       {@code name} matches a field-name rule, is redacted with its whole subtree;</li>
 *   <li>map entries (alternating key/value children) whose string key matches a field-name rule
 *       have their value redacted, and keys are masked like values;</li>
 *   <li>{@code value}, {@code unreadable} and {@code name} of every kind go through the text engine,
 *       {@code StringValueBytes} (raw bytes, base64) is decoded, masked and re-encoded.</li>
 * </ul>
 * Other objects (goroutine labels, error strings, command lines) get the {@link JsonMasker}
 * treatment, except that numbers stay numbers: Delve's clients decode them into integer fields.
 */
public final class DelveVariableMasker extends JsonMasker {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int KIND_MAP = 21;
    private static final int KIND_STRING = 24;

    public DelveVariableMasker(MaskingEngine engine) {
        super(engine);
    }

    /** Masks any result tree (EvalOut, StacktraceOut, CommandOut, ...). */
    public JsonNode maskTree(JsonNode result) {
        return mask(result);
    }

    @Override
    protected JsonNode maskNumber(JsonNode node) {
        return node;
    }

    @Override
    protected JsonNode maskObject(JsonNode node) {
        return isVariable(node) ? maskVariable(node) : super.maskObject(node);
    }

    static boolean isVariable(JsonNode node) {
        return node.isObject() && node.has("kind") && node.has("value") && node.has("children");
    }

    /** Masks one {@code api.Variable} and its children. */
    public JsonNode maskVariable(JsonNode variable) {
        if (engine.blocksGoType(text(variable, "type")) || engine.blocksGoType(text(variable, "realType"))) {
            return redacted(variable, "[REDACTED:type]");
        }
        if (engine.redactsField(text(variable, "name"))) {
            return redacted(variable, MaskingPolicy.FIELD_REDACTION);
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : variable.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            switch (key) {
                case "children" -> out.set(key, v.isArray() ? maskChildren(variable, v) : v);
                case "StringValueBytes" -> out.set(key, maskBytes(v));
                case "value", "unreadable", "name", "LocationExpr" -> out.set(key, v.isString() ? mask(v) : v);
                default -> out.set(key, v.isObject() || v.isArray() ? mask(v) : v);
            }
        }
        hideOriginalLength(variable, out);
        return out;
    }

    /**
     * Delve keeps a string's true length in {@code len} even when {@code value} is truncated; after
     * masking, that length would still tell how long the customer's value was. A masked string
     * reports the masked text's length, as if it were the whole value.
     */
    private static void hideOriginalLength(JsonNode variable, ObjectNode out) {
        JsonNode before = variable.get("value");
        JsonNode after = out.get("value");
        if (variable.path("kind").asInt(-1) == KIND_STRING && before != null && after != null && after.isString()
                && !after.equals(before) && out.has("len")) {
            out.put("len", after.stringValue().getBytes(StandardCharsets.UTF_8).length);
        }
    }

    private JsonNode maskChildren(JsonNode parent, JsonNode children) {
        ArrayNode out = NODES.arrayNode(children.size());
        boolean map = parent.path("kind").asInt(-1) == KIND_MAP;
        for (int k = 0; k < children.size(); k++) {
            JsonNode child = children.get(k);
            if (map && k % 2 == 1 && secretKey(children.get(k - 1))) {
                out.add(isVariable(child) ? redacted(child, MaskingPolicy.FIELD_REDACTION) : NODES.stringNode(MaskingPolicy.FIELD_REDACTION));
            } else {
                out.add(mask(child));
            }
        }
        return out;
    }

    private boolean secretKey(JsonNode key) {
        return isVariable(key) && key.path("kind").asInt(-1) == KIND_STRING && engine.redactsField(text(key, "value"));
    }

    /** Keeps the shape a client expects (name, type, kind, address) and drops value, bytes and children. */
    private static JsonNode redacted(JsonNode variable, String redaction) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : variable.properties()) {
            switch (e.getKey()) {
                case "value" -> out.put("value", redaction);
                case "children" -> out.set("children", NODES.arrayNode());
                case "len", "cap" -> out.put(e.getKey(), 0);
                case "StringValueBytes" -> { }
                default -> out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Raw string bytes: ISO-8859-1 maps each byte to one char, so ASCII values are found and other bytes survive. */
    private JsonNode maskBytes(JsonNode v) {
        if (!v.isString()) {
            return v;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(v.stringValue());
        } catch (IllegalArgumentException notBase64) {
            return NODES.stringNode(MaskingPolicy.FIELD_REDACTION);
        }
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        String m = engine.mask(s);
        if (m.equals(s)) {
            return v;
        }
        return NODES.stringNode(Base64.getEncoder().encodeToString(m.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isString() ? v.stringValue() : "";
    }
}
