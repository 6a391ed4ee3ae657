package io.debuggate.gateway.identity;

/** The one place that says how groups travel in tokens and in Spring Security authorities. */
public final class CallerAuthorities {

    /** JWT claim carrying the caller's groups; configure external issuers to emit it. */
    public static final String GROUPS_CLAIM = "groups";

    /** Authority prefix for groups, kept apart from Spring's own {@code ROLE_}/{@code FACTOR_}. */
    public static final String GROUP_PREFIX = "GROUP_";

    private CallerAuthorities() {
    }
}
