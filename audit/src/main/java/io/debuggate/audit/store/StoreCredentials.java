package io.debuggate.audit.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One Elasticsearch identity. The password never appears in {@link #toString()} so a credentials
 * object can be logged or thrown in an exception message without leaking it.
 */
public record StoreCredentials(String username, String password) {

    public StoreCredentials {
        if (username == null || username.isBlank() || username.contains(":")) {
            throw new IllegalArgumentException("Elasticsearch user name '" + username
                    + "' is empty or contains ':': choose a plain name such as debuggate_writer");
        }
        if (password == null || password.length() < 6) {
            throw new IllegalArgumentException("password for Elasticsearch user '" + username
                    + "' is shorter than 6 characters: Elasticsearch's file realm refuses it; use a longer one");
        }
    }

    /** Value for an HTTP {@code Authorization} header. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "StoreCredentials[username=" + username + ", password=***]";
    }
}
