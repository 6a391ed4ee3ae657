package io.debuggate.audit.node;

/**
 * What to do when a node started from the same home by an earlier run (found through our pidfile)
 * is still alive, typically after that run was killed before its shutdown hook could stop it.
 */
public enum LeftoverNodePolicy {
    /** Stop the old node and start a fresh one with the current configuration (the default). */
    STOP,
    /** Adopt the old node if it answers on the configured HTTP port with our credentials. */
    REUSE
}
