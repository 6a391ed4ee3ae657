package io.debuggate.gateway.targets;

import java.net.URI;
import java.util.Objects;

/**
 * One instance of a Go service that can be debugged, and how to reach its agent.
 *
 * @param service the service name, e.g. {@code payment-svc}
 * @param instance the instance within the service, e.g. {@code demo-0}
 * @param agentId the agent's identity; order tokens are addressed to it
 * @param agentUrl base URL of the agent's HTTP API
 */
public record Target(String service, String instance, String agentId, URI agentUrl) {

    public Target {
        requireName(service, "service");
        requireName(instance, "instance");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(agentUrl, "agentUrl");
    }

    public String name() {
        return service + "/" + instance;
    }

    private static void requireName(String value, String what) {
        if (value == null || !value.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("target " + what + " '" + value
                    + "' must be 1-63 lower-case letters, digits, '.', '_' or '-'");
        }
    }
}
