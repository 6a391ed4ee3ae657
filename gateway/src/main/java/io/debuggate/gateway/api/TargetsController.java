package io.debuggate.gateway.api;

import io.debuggate.gateway.health.BreakerView;
import io.debuggate.gateway.health.HealthBreakers;
import io.debuggate.gateway.targets.Target;
import io.debuggate.gateway.targets.TargetRegistry;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the targets a request may name (the request form's target picker), with each target's
 * health breakers: state, last value, last trip and when a tripped target may reopen.
 */
@RestController
class TargetsController {

    record TargetView(String name, String service, String instance, String agentId, List<BreakerView> breakers) {
    }

    private final TargetRegistry registry;
    private final HealthBreakers health;

    TargetsController(TargetRegistry registry, HealthBreakers health) {
        this.registry = registry;
        this.health = health;
    }

    @GetMapping("/api/targets")
    List<TargetView> targets() {
        return registry.all().stream()
                .map((Target t) -> new TargetView(t.name(), t.service(), t.instance(), t.agentId(),
                        health.views(t.service(), t.instance())))
                .toList();
    }
}
