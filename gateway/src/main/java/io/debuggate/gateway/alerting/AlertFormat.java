package io.debuggate.gateway.alerting;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The body a webhook receiver expects, and how it says "accepted". */
public enum AlertFormat {

    /** The whole alert as JSON: {@code {"kind","severity","title","text","at","fields":{...}}}; any 2xx accepts. */
    GENERIC {
        @Override
        Object body(Alert alert) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kind", alert.kind());
            body.put("severity", alert.severity());
            body.put("title", alert.title());
            body.put("text", alert.text());
            body.put("at", alert.at().toString());
            body.put("fields", alert.fields());
            return body;
        }
    },
    /** Slack incoming webhook: {@code {"text": "..."}}; Slack answers 200 {@code ok}. */
    SLACK {
        @Override
        Object body(Alert alert) {
            return Map.of("text", "*" + alert.title() + "*\n" + alert.text());
        }
    },
    /**
     * DingTalk robot: {@code {"msgtype":"text","text":{"content":"..."}}}. DingTalk answers 200 even
     * when it refuses (bad keyword, rate limit), with {@code errcode} != 0 in the body.
     */
    DINGTALK {
        @Override
        Object body(Alert alert) {
            return Map.of("msgtype", "text", "text", Map.of("content", alert.title() + "\n" + alert.text()));
        }

        @Override
        @Nullable String refusal(int status, String responseBody) {
            String base = super.refusal(status, responseBody);
            if (base != null) {
                return base;
            }
            try {
                JsonNode node = JSON.readTree(responseBody);
                long errcode = node.path("errcode").asLong(0);
                return errcode == 0 ? null : "DingTalk errcode " + errcode + ": " + node.path("errmsg").asString("");
            } catch (RuntimeException e) {
                return null;
            }
        }
    };

    static final ObjectMapper JSON = JsonMapper.builder().build();

    abstract Object body(Alert alert);

    byte[] payload(Alert alert) {
        return JSON.writeValueAsBytes(body(alert));
    }

    /** Null when the receiver accepted the alert, else why not. */
    @Nullable String refusal(int status, String responseBody) {
        if (status >= 200 && status < 300) {
            return null;
        }
        return "HTTP " + status + (responseBody.isBlank() ? "" : ": " + abbreviate(responseBody));
    }

    private static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 200) + "…";
    }
}
