package io.debuggate.gateway.web;

import io.debuggate.approval.request.DraftVocabulary;
import io.debuggate.gateway.policy.ActivePolicy;
import io.debuggate.policies.Durations;
import io.debuggate.policies.ModePolicy;
import io.debuggate.policies.PolicyLoader;
import io.debuggate.policies.PolicySet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The effective policy as the admin page shows it: a summary per mode, the other sections as
 * name/value rows, and the policy file itself as loaded.
 */
@Component
public class PolicyView {

    /** One mode's limits and what it allows on each protocol. */
    public record ModeSummary(String name, String description, String maxSessionDuration, String haltBudget,
                              List<String> pprofProfiles, List<String> delveMethods, List<String> delveCommands,
                              List<String> dapRequests) {
    }

    /** One setting, e.g. {@code cpuUtilization = 0.9}. */
    public record Setting(String name, String value) {
    }

    private final ActivePolicy active;

    PolicyView(ActivePolicy active) {
        this.active = active;
    }

    /** Read per page view, so the page shows a reloaded policy at once. */
    private PolicySet policy() {
        return active.current();
    }

    public String source() {
        return policy().source();
    }

    public int version() {
        return policy().version();
    }

    public List<ModeSummary> modes() {
        // least to most powerful, as the request form lists them; modes only a custom policy knows come last
        return policy().modes().values().stream()
                .sorted(java.util.Comparator.comparingInt((ModePolicy m) -> {
                    int known = DraftVocabulary.MODES.indexOf(m.name());
                    return known < 0 ? Integer.MAX_VALUE : known;
                }).thenComparing(ModePolicy::name))
                .map(PolicyView::summary).toList();
    }

    public List<Setting> health() {
        return settings(policy().health());
    }

    public List<Setting> approvals() {
        return settings(policy().approvals());
    }

    public List<Setting> masking() {
        List<Setting> rows = new ArrayList<>();
        new TreeMap<>(policy().masking().builtins()).forEach((detector, rule) -> rows.add(
                new Setting(detector.id(), rule.enabled() ? "on, " + rule.style() : "off")));
        policy().masking().customRules().forEach(r -> rows.add(new Setting(r.id(), r.pattern().pattern() + " → " + r.style())));
        rows.add(new Setting("fieldNames", String.join(", ", policy().masking().fieldNames())));
        rows.add(new Setting("goTypes", String.join(", ", policy().masking().goTypes())));
        return rows;
    }

    /** The policy file's text as loaded (the shipped default or {@code debuggate.policy.file}). */
    public String text() {
        String source = policy().source();
        try {
            if (source.startsWith("classpath:")) {
                try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
                    return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy file " + source + ": " + e.getMessage(), e);
        }
    }

    private static ModeSummary summary(ModePolicy mode) {
        var halt = mode.haltBudget();
        String budget = halt.mayHalt()
                ? Durations.format(halt.perStop()) + " per stop, at most " + Math.round(halt.maxShareOfWallTime() * 100)
                        + "% of any " + Durations.format(halt.window())
                : "never halts";
        return new ModeSummary(mode.name(), mode.description(), Durations.format(mode.maxSessionDuration()), budget,
                List.copyOf(new TreeMap<>(mode.pprof().profiles()).keySet()),
                mode.delve().methods().stream().sorted().toList(),
                mode.delve().commands().stream().sorted().toList(),
                mode.dap().requests().stream().sorted().toList());
    }

    /** A record's components as rows, read generically so new policy settings show up without UI changes. */
    private static List<Setting> settings(Record record) {
        List<Setting> rows = new ArrayList<>();
        for (var component : record.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(record);
                rows.add(new Setting(component.getName(), format(value)));
            } catch (ReflectiveOperationException e) {
                rows.add(new Setting(component.getName(), "?"));
            }
        }
        return rows;
    }

    private static String format(Object value) {
        if (value instanceof Duration d) {
            return Durations.format(d);
        }
        if (value instanceof Record r) {
            return settings(r).stream().map(s -> s.name() + "=" + s.value()).reduce((a, b) -> a + ", " + b).orElse("");
        }
        if (value instanceof Map<?, ?> m) {
            return new TreeMap<>(m).toString();
        }
        return String.valueOf(value);
    }
}
