package io.debuggate.policies.delve;

import io.debuggate.policies.DecisionCode;
import io.debuggate.policies.PolicyDecision;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The exact JSON shape of a Delve parameter object. Go's decoder matches keys case-insensitively
 * and lets the last duplicate win, so the gateway accepts only the canonical spelling and only
 * known keys (debug-protocols.md §1.5).
 */
final class ParamSchema {

    enum Type { BOOL, INT, STRING, ARRAY, ANY }

    private final Map<String, Object> fields;
    private final Map<String, String> byLowerCase = new LinkedHashMap<>();

    private ParamSchema(Map<String, Object> fields) {
        this.fields = fields;
        fields.keySet().forEach(k -> byLowerCase.put(k.toLowerCase(Locale.ROOT), k));
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        Builder field(String name, Type type) {
            fields.put(name, type);
            return this;
        }

        Builder object(String name, ParamSchema nested) {
            fields.put(name, nested);
            return this;
        }

        Builder arrayOf(String name, ParamSchema element) {
            fields.put(name, new ArrayOf(element));
            return this;
        }

        ParamSchema build() {
            return new ParamSchema(Map.copyOf(fields));
        }
    }

    private record ArrayOf(ParamSchema element) {
    }

    /** Empty when {@code node} fits the schema, else the denial naming the first problem. */
    Optional<PolicyDecision> check(String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            return deny(DecisionCode.MALFORMED_ARGUMENT, path + " must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            Object type = fields.get(key);
            if (type == null) {
                String canonical = byLowerCase.get(key.toLowerCase(Locale.ROOT));
                if (canonical != null) {
                    return deny(DecisionCode.NON_CANONICAL_KEY, path + ": key '" + key + "' is not spelled canonically; send '"
                            + canonical + "'");
                }
                return deny(DecisionCode.UNKNOWN_ARGUMENT, path + ": unknown key '" + key + "'; known keys: "
                        + String.join(", ", new java.util.TreeSet<>(fields.keySet())));
            }
            Optional<PolicyDecision> bad = checkValue(path + "." + key, type, e.getValue());
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    private static Optional<PolicyDecision> checkValue(String path, Object type, JsonNode v) {
        if (v.isNull()) {
            return Optional.empty();
        }
        if (type instanceof ParamSchema nested) {
            return nested.check(path, v);
        }
        if (type instanceof ArrayOf(ParamSchema element)) {
            if (!v.isArray()) {
                return deny(DecisionCode.MALFORMED_ARGUMENT, path + " must be an array");
            }
            for (int k = 0; k < v.size(); k++) {
                Optional<PolicyDecision> bad = element.check(path + "[" + k + "]", v.get(k));
                if (bad.isPresent()) {
                    return bad;
                }
            }
            return Optional.empty();
        }
        boolean ok = switch ((Type) type) {
            case BOOL -> v.isBoolean();
            case INT -> v.isIntegralNumber();
            case STRING -> v.isString();
            case ARRAY -> v.isArray();
            case ANY -> true;
        };
        return ok ? Optional.empty() : deny(DecisionCode.MALFORMED_ARGUMENT, path + " must be of type "
                + type.toString().toLowerCase(Locale.ROOT));
    }

    private static Optional<PolicyDecision> deny(DecisionCode code, String message) {
        return Optional.of(PolicyDecision.deny(code, message));
    }
}
