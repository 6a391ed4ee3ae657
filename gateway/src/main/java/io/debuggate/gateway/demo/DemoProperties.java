package io.debuggate.gateway.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo target ({@code payment-svc/demo-0}).
 *
 * @param enabled start it when {@code go} and {@code dlv} are installed (default true)
 * @param agentPort the demo agent's HTTP port (default 7070; 0 = any free port)
 * @param relayPort the demo agent's dlv relay port (default 7071; 0 = any free port)
 * @param testBedPort the test bed's public HTTP port (default 8090)
 * @param testBedPprofPort the test bed's loopback pprof port (default 6060)
 */
@ConfigurationProperties("debuggate.demo")
public record DemoProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("7070") int agentPort,
        @DefaultValue("7071") int relayPort,
        @DefaultValue("8090") int testBedPort,
        @DefaultValue("6060") int testBedPprofPort) {
}
