package io.debuggate.cli.output;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads display text out of gateway JSON leniently: a missing field shows as "-", arrays as "a,b". */
public final class JsonText {

    public static final String MISSING = "-";

    private JsonText() {
    }

    public static String of(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return render(value);
    }

    public static String render(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return MISSING;
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode element : value) {
                parts.add(element.isValueNode() ? element.asString() : element.toString());
            }
            return parts.isEmpty() ? MISSING : String.join(",", parts);
        }
        if (value.isValueNode()) {
            String text = value.asString();
            return text.isEmpty() ? MISSING : text;
        }
        return value.toString();
    }

    /** {@code service/instance}, from {@code targetService}+{@code targetInstance} or {@code target}. */
    public static String target(JsonNode request) {
        String service = of(request, "targetService");
        String instance = of(request, "targetInstance");
        if (!service.equals(MISSING)) {
            return service + "/" + instance;
        }
        return of(request, "target");
    }
}
