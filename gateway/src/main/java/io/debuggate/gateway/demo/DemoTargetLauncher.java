package io.debuggate.gateway.demo;

import io.debuggate.agent.demo.DemoTarget;
import io.debuggate.agent.demo.DemoTargetConfig;
import io.debuggate.agent.demo.DemoUnavailableException;
import io.debuggate.agent.demo.GoTestBedOptions;
import io.debuggate.gateway.DebuggateHome;
import io.debuggate.gateway.agents.AgentOrderKeys;
import io.debuggate.gateway.health.TargetHealthEndpoints;
import io.debuggate.gateway.targets.Target;
import io.debuggate.gateway.targets.TargetRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Starts the demo target once the gateway is up, in the background: building the Go test bed can
 * take a while the first time and the gateway should be usable meanwhile. Without Go or Delve the
 * product runs without it and says why.
 */
@Component
public class DemoTargetLauncher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoTargetLauncher.class);

    private final DemoProperties properties;
    private final AgentOrderKeys keys;
    private final TargetRegistry targets;
    private final DebuggateHome home;
    private final TargetHealthEndpoints health;
    private final AtomicReference<@Nullable DemoTarget> running = new AtomicReference<>();
    private volatile boolean stopping;

    DemoTargetLauncher(DemoProperties properties, AgentOrderKeys keys, TargetRegistry targets, DebuggateHome home,
                       TargetHealthEndpoints health) {
        this.properties = properties;
        this.keys = keys;
        this.targets = targets;
        this.home = home;
        this.health = health;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startInBackground() {
        if (!properties.enabled()) {
            log.info("event=demo_target state=disabled reason=\"debuggate.demo.enabled=false\"");
            return;
        }
        Thread.ofVirtual().name("demo-target").start(this::start);
    }

    private void start() {
        log.info("event=demo_target state=starting target=payment-svc/demo-0");
        try {
            DemoTarget demo = DemoTarget.start(DemoTargetConfig.builder(keys.publicKey())
                    .agentPort(properties.agentPort())
                    .relayPort(properties.relayPort())
                    .buildDir(home.resolve("testbed"))
                    .testBed(GoTestBedOptions.onLoopbackPorts(properties.testBedPort(), properties.testBedPprofPort()))
                    .build());
            if (stopping) {
                demo.close();
                return;
            }
            running.set(demo);
            String[] name = demo.targetName().split("/", 2);
            // The test bed counts its own /metrics requests; the 5xx breaker must not count our scrapes.
            health.registerMetrics(demo.targetName(),
                    new TargetHealthEndpoints.MetricsEndpoint(demo.testBedBaseUri().resolve("/metrics"), true));
            targets.register(new Target(name[0], name[1], demo.agentId(), demo.agentBaseUri()));
            log.info("event=demo_target state=ready target={} agent={} testbed={} testbed_pid={}",
                    demo.targetName(), demo.agentBaseUri(), demo.testBedBaseUri(), demo.testBedPid());
        } catch (DemoUnavailableException e) {
            log.warn("event=demo_target state=disabled reason=\"{}\"", e.getMessage());
        } catch (RuntimeException e) {
            log.error("event=demo_target state=failed reason=\"{}\"", e.getMessage(), e);
        }
    }

    /** The running demo target, once it is ready (tests use it to make the test bed misbehave). */
    public java.util.Optional<DemoTarget> current() {
        return java.util.Optional.ofNullable(running.get());
    }

    @Override
    public void destroy() {
        stopping = true;
        DemoTarget demo = running.getAndSet(null);
        if (demo != null) {
            targets.unregister(demo.targetName());
            demo.close();
            log.info("event=demo_target state=stopped");
        }
    }
}
