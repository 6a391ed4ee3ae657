package io.debuggate.gateway.targets;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Statically registered targets ({@code debuggate.targets.registered[0].service=...}). The demo
 * target registers itself at start-up; production lists its agents here.
 */
@ConfigurationProperties("debuggate.targets")
public record TargetsProperties(@DefaultValue List<Registration> registered) {

    public record Registration(String service, String instance, String agentId, URI agentUrl) {

        Target toTarget() {
            return new Target(service, instance, agentId, agentUrl);
        }
    }
}
