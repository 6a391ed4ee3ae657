package io.debuggate.gateway.health;

/** Names of the built-in signals. */
public final class Signals {

    /** Process CPU as a share of the CPUs it may use; breaker trips when it stays above the policy's maximum. */
    public static final String CPU = "cpu";
    /** Share of HTTP requests answered 5xx over the policy's window, once enough requests were seen. */
    public static final String HTTP_5XX = "http-5xx";

    private Signals() {
    }
}
