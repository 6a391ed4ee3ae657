package io.debuggate.approval.notify;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * One configured webhook.
 *
 * @param url where to POST; only http and https
 * @param format the body format
 * @param events simple names of the events to send ({@code GrantApproved}, ...); empty sends all
 */
public record WebhookTarget(URI url, WebhookFormat format, Set<String> events) {

    public WebhookTarget {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("webhook url '" + redacted(url) + "' is not an absolute http(s) URL; give e.g. https://hooks.example.com/...");
        }
        events = Set.copyOf(events);
    }

    boolean wants(String eventName) {
        return events.isEmpty() || events.contains(eventName);
    }

    /** Webhook URLs often embed a secret token in the path: logs get scheme and host only. */
    String redacted() {
        return redacted(url);
    }

    static String redacted(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + "/…";
    }
}
