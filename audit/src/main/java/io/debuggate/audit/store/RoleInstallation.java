package io.debuggate.audit.store;

/** Where the audit roles come from on a given cluster. */
public enum RoleInstallation {
    /** {@code PUT _security/role/...} with the admin identity: a regular cluster (the default). */
    API,
    /**
     * The roles are in the node's {@code config/roles.yml} already. The Maven-resolved test
     * distribution has no native role store (its {@code .security} index needs a module it lacks),
     * so the local node is set up this way.
     */
    FILE
}
