package io.debuggate.policies.masking;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Masks a Jackson tree: every string value and every object key goes through the engine, numbers
 * that hold a value (a phone stored as a JSON number) become masked strings, and values of fields
 * named by the field-name rules are replaced whole. Returns a new tree; the input is not changed.
 */
public class JsonMasker {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    protected final MaskingEngine engine;

    public JsonMasker(MaskingEngine engine) {
        this.engine = engine;
    }

    public JsonNode mask(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            return maskObject(node);
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            for (JsonNode element : node.values()) {
                out.add(mask(element));
            }
            return out;
        }
        if (node.isString()) {
            String s = node.stringValue();
            String m = engine.mask(s);
            return m.equals(s) ? node : NODES.stringNode(m);
        }
        if (node.isNumber()) {
            return maskNumber(node);
        }
        return node;
    }

    /** A number that masks differently becomes a masked string: a phone stored as a JSON number is still a phone. */
    protected JsonNode maskNumber(JsonNode node) {
        String s = node.asString();
        String m = engine.mask(s);
        return m.equals(s) ? node : NODES.stringNode(m);
    }

    /** Objects are masked key by key; subclasses recognise special shapes first. */
    protected JsonNode maskObject(JsonNode node) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = engine.mask(e.getKey());
            JsonNode value = e.getValue();
            JsonNode masked = engine.redactsField(e.getKey()) && !value.isNull()
                    ? NODES.stringNode(MaskingPolicy.FIELD_REDACTION)
                    : mask(value);
            out.set(uniqueKey(out, key), masked);
        }
        return out;
    }

    /** Two keys can mask to the same text ({@code 138****5678}); keep both values. */
    private static String uniqueKey(ObjectNode out, String key) {
        if (!out.has(key)) {
            return key;
        }
        int n = 2;
        while (out.has(key + "~" + n)) {
            n++;
        }
        return key + "~" + n;
    }
}
