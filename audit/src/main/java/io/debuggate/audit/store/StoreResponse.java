package io.debuggate.audit.store;

import java.nio.charset.StandardCharsets;

/** Status and raw body of one answer from Elasticsearch. */
public record StoreResponse(int status, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body cut to a length that fits a log line or an exception message. */
    public String bodyExcerpt() {
        String text = bodyText();
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
