package io.debuggate.gateway.tunnel;

import io.debuggate.agent.protocol.AgentHealth;
import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.gateway.agents.AgentConnections;
import io.debuggate.gateway.targets.Target;
import io.debuggate.gateway.targets.TargetRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The admin's last resort: cut every debugger session on one target, or everywhere, and report
 * each target as the agent sees it afterwards — alive, with no debugger attached.
 */
public class KillSwitch {

    /** How long to wait for each target's teardown to finish before reporting. */
    static final Duration SETTLE = Duration.ofSeconds(15);

    private final LiveSessions sessions;
    private final TargetRegistry targets;
    private final AgentConnections agents;
    private final BestEffortAudit audit;

    public KillSwitch(LiveSessions sessions, TargetRegistry targets, AgentConnections agents, AuditTrail audit) {
        this.sessions = sessions;
        this.targets = targets;
        this.agents = agents;
        this.audit = new BestEffortAudit(audit);
    }

    /** One target after the switch. {@code running} and {@code debuggerAttached} are the agent's word. */
    public record TargetReport(String target, int sessionsCut, boolean running, boolean debuggerAttached,
                               @Nullable String problem) {
    }

    /**
     * @param target {@code service/instance}, or null for every target
     * @throws IllegalArgumentException for a target that is not registered
     */
    public List<TargetReport> pull(String actor, @Nullable String target, String reason) {
        String[] name = target == null ? null : target.split("/", 2);
        List<Target> affected = target == null ? targets.all() : List.of(targets.find(name[0], name.length > 1 ? name[1] : "")
                .orElseThrow(() -> new IllegalArgumentException("no registered target '" + target
                        + "'; GET /api/targets lists them as service/instance")));
        // The switch is pulled when things are bad, the trail included: cutting must not wait for it.
        audit.record(AuditRecord.of(AuditActions.KILL_SWITCH, AuditOutcome.SUCCESS, actor)
                .target(target == null ? "*" : target).reason(reason).build(), "pulling the kill switch");
        String why = "kill switch pulled by " + actor + ": " + reason;
        List<TargetReport> reports = new ArrayList<>();
        for (Target t : affected) {
            int cut = sessions.cutTarget(t.service(), t.instance(), actor, why);
            reports.add(settle(t, cut));
        }
        return reports;
    }

    private TargetReport settle(Target target, int cut) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String problem = null;
        AgentHealth health = null;
        while (System.nanoTime() < deadline) {
            try {
                health = agents.client(target).health();
                problem = null;
                // "attached" is what the target says (traced or not), not whether a dlv process still
                // exists: Delve 1.20.2 can linger for a while after it detached.
                if (health.targetServing() && !sessions.hasConnections(target)) {
                    break;
                }
            } catch (IOException e) {
                problem = "agent unreachable: " + e.getMessage();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean running = health != null && health.targetAlive() && health.targetServing();
        boolean attached = health == null || health.targetTraced();
        if (problem == null && attached) {
            problem = "a debugger is still attached after " + SETTLE.toSeconds() + " s; see the gateway log for the teardown";
        }
        return new TargetReport(target.name(), cut, running, attached, problem);
    }
}
