package io.debuggate.approval;

import java.util.Objects;
import java.util.Set;

/**
 * Who is acting, as the gateway read it from a verified token. Group membership comes from the
 * token only — never from Flowable's task records — because the engine checks no identities.
 *
 * @param username the stable user name ({@code alice})
 * @param groups group names such as {@code engineers}, {@code dev-leads}, {@code ops-leads},
 *     {@code auditors}, {@code admins}
 */
public record Caller(String username, Set<String> groups) {

    public Caller {
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("caller username is blank: the gateway must build the Caller from a verified token's subject");
        }
        groups = Set.copyOf(Objects.requireNonNull(groups, "groups"));
    }

    public static Caller of(String username, String... groups) {
        return new Caller(username, Set.of(groups));
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
