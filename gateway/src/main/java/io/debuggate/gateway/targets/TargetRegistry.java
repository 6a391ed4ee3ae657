package io.debuggate.gateway.targets;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** Known targets by name ({@code service/instance}). */
@Component
public class TargetRegistry {

    private final ConcurrentMap<String, Target> targets = new ConcurrentHashMap<>();

    public TargetRegistry(TargetsProperties properties) {
        properties.registered().forEach(r -> register(r.toTarget()));
    }

    public void register(Target target) {
        targets.put(target.name(), target);
    }

    public void unregister(String name) {
        targets.remove(name);
    }

    public Optional<Target> find(String service, String instance) {
        return Optional.ofNullable(targets.get(service + "/" + instance));
    }

    public List<Target> all() {
        Collection<Target> values = targets.values();
        return values.stream().sorted(Comparator.comparing(Target::name)).toList();
    }
}
