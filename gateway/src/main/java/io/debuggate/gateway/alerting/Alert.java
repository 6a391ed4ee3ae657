package io.debuggate.gateway.alerting;

import java.time.Instant;
import java.util.Map;

/**
 * Something people must know now. Carries no personal data: callers put only names, numbers and
 * reasons into it (webhook receivers are outside the masking boundary).
 *
 * @param kind stable code, e.g. {@code health.breaker.opened}
 * @param severity {@code critical}, {@code warning} or {@code info}
 * @param title one line
 * @param text the whole message for chat sinks (Slack, DingTalk)
 * @param fields structured details for the generic JSON sink
 */
public record Alert(String kind, String severity, String title, String text, Map<String, Object> fields, Instant at) {

    public Alert {
        fields = Map.copyOf(fields);
    }
}
