package io.debuggate.gateway.identity;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The verified caller of one request: name and groups taken from the token, never from a
 * request body or a workflow record.
 */
public record CurrentCaller(String username, Set<String> groups) {

    public CurrentCaller {
        groups = Set.copyOf(groups);
    }

    public static CurrentCaller from(Authentication authentication) {
        Set<String> groups = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(CallerAuthorities.GROUP_PREFIX))
                .map(a -> a.substring(CallerAuthorities.GROUP_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
        return new CurrentCaller(authentication.getName(), groups);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
