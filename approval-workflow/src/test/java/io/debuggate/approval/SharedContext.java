package io.debuggate.approval;

/** Properties of the one Spring context most H2 tests share (same properties, so Spring caches it). */
final class SharedContext {

    /**
     * A grant cache is switched on here so the tests prove that local invalidation makes a revoke
     * immediate even with caching; the default (no cache) is what the PostgreSQL test runs.
     */
    static final String PROPERTIES = "debuggate.approval.grant-cache-ttl=PT30S";

    private SharedContext() {
    }
}
