package io.debuggate.gateway.web;

import io.debuggate.approval.config.ApprovalProperties;
import io.debuggate.approval.request.DraftVocabulary;
import io.debuggate.gateway.health.BreakerState;
import io.debuggate.gateway.health.BreakerView;
import io.debuggate.gateway.health.HealthBreakers;
import io.debuggate.gateway.policy.ActivePolicy;
import io.debuggate.gateway.targets.TargetRegistry;
import io.debuggate.policies.ModePolicy;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the request form offers: the registered targets, the tools, the profiles and the modes
 * with what each allows, read from the effective policy so the page never promises more than the
 * gateway enforces.
 */
@Component
public class RequestFormOptions {

    /** A target as the picker shows it, with its health breakers. */
    public record TargetOption(String name, String service, String instance, String agentId, String agentUrl,
                               String breaker, List<BreakerView> breakers) {
    }

    /**
     * A mode with the limits the policy sets for it.
     *
     * @param protocols which of pprof, dlv, dap the mode allows at all
     */
    public record ModeOption(String name, String description, Duration maxSessionDuration, Duration haltPerStop,
                             boolean mayHalt, List<String> protocols) {
    }

    private final TargetRegistry targets;
    private final HealthBreakers health;
    private final ActivePolicy policy;
    private final ApprovalProperties approvals;

    RequestFormOptions(TargetRegistry targets, HealthBreakers health, ActivePolicy policy, ApprovalProperties approvals) {
        this.targets = targets;
        this.health = health;
        this.policy = policy;
        this.approvals = approvals;
    }

    public List<TargetOption> targets() {
        return targets.all().stream()
                .map(t -> {
                    List<BreakerView> breakers = health.views(t.service(), t.instance());
                    return new TargetOption(t.name(), t.service(), t.instance(), t.agentId(), t.agentUrl().toString(),
                            worst(breakers), breakers);
                })
                .toList();
    }

    public List<String> tools() {
        return List.of(DraftVocabulary.PPROF, DraftVocabulary.DLV, DraftVocabulary.DAP);
    }

    public List<String> profiles() {
        return DraftVocabulary.PPROF_PROFILES;
    }

    public List<ModeOption> modes() {
        return DraftVocabulary.MODES.stream()
                .flatMap(name -> policy.current().findMode(name).stream())
                .map(RequestFormOptions::option)
                .toList();
    }

    public long defaultDurationMinutes() {
        return approvals.defaultGrantDuration().toMinutes();
    }

    public long maxDurationMinutes() {
        return approvals.maxGrantDuration().toMinutes();
    }

    public Duration approvalTtl() {
        return approvals.approvalTtl();
    }

    /** The target's state for people: open if any signal tripped it, "unknown" while nothing is measured. */
    static String worst(List<BreakerView> breakers) {
        if (breakers.isEmpty()) {
            return "unknown";
        }
        if (breakers.stream().anyMatch(b -> b.state() == BreakerState.OPEN)) {
            return "open";
        }
        if (breakers.stream().anyMatch(b -> b.state() == BreakerState.HALF_OPEN)) {
            return "half_open";
        }
        return "closed";
    }

    private static ModeOption option(ModePolicy mode) {
        List<String> protocols = new java.util.ArrayList<>();
        if (!mode.pprof().profiles().isEmpty()) {
            protocols.add("pprof");
        }
        if (!mode.delve().methods().isEmpty()) {
            protocols.add("dlv");
        }
        if (!mode.dap().requests().isEmpty()) {
            protocols.add("dap");
        }
        return new ModeOption(mode.name(), mode.description(), mode.maxSessionDuration(), mode.haltBudget().perStop(),
                mode.haltBudget().mayHalt(), List.copyOf(protocols));
    }
}
