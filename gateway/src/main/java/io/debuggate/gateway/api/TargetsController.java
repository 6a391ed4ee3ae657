package io.debuggate.gateway.api;

import io.debuggate.gateway.targets.Target;
import io.debuggate.gateway.targets.TargetRegistry;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the targets a request may name (the request form's target picker). */
@RestController
class TargetsController {

    record TargetView(String name, String service, String instance, String agentId) {
    }

    private final TargetRegistry registry;

    TargetsController(TargetRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/targets")
    List<TargetView> targets() {
        return registry.all().stream()
                .map((Target t) -> new TargetView(t.name(), t.service(), t.instance(), t.agentId()))
                .toList();
    }
}
