package io.debuggate.cli.api;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RFC 9457 problem body as the gateway sends it: {@code title}, {@code status}, {@code detail},
 * and optionally the {@code rule} that refused and per-field {@code errors}.
 */
public record Problem(@Nullable String title, int status, @Nullable String detail, @Nullable String rule,
                      List<FieldError> errors) {

    public record FieldError(String field, String message) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public Problem {
        errors = List.copyOf(errors);
    }

    /** Any error body: a problem document, some other JSON, or text. */
    public static Problem parse(int status, String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                List<FieldError> errors = new ArrayList<>();
                JsonNode list = node.get("errors");
                if (list != null && list.isArray()) {
                    for (JsonNode e : list) {
                        errors.add(new FieldError(text(e, "field", "?"), text(e, "message", e.toString())));
                    }
                }
                String detail = text(node, "detail", null);
                if (detail == null) {
                    detail = text(node, "error_description", text(node, "message", text(node, "error", null)));
                }
                return new Problem(text(node, "title", null), status, detail, text(node, "rule", null), errors);
            }
        } catch (JacksonException e) {
            // not JSON: fall through to the text
        }
        String text = body.strip();
        return new Problem(null, status, text.isEmpty() ? null : abbreviate(text), null, List.of());
    }

    /** One paragraph for a person: the detail (or title), the rule, then each field error on its own line. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(detail != null ? detail : title != null ? title : "HTTP " + status);
        if (rule != null && (detail == null || !detail.contains(rule))) {
            out.append(" (rule ").append(rule).append(')');
        }
        for (FieldError e : errors) {
            out.append(System.lineSeparator()).append("  - ").append(e.field()).append(": ").append(e.message());
        }
        return out.toString();
    }

    private static @Nullable String text(JsonNode node, String field, @Nullable String fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : fallback;
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
