package io.debuggate.gateway.tunnel;

import io.debuggate.agent.client.AgentClient;
import io.debuggate.agent.dlv.control.DlvControlConnection;
import io.debuggate.agent.dlv.control.DlvState;
import io.debuggate.agent.dlv.control.TeardownReport;
import io.debuggate.agent.dlv.control.TeardownSequence;
import io.debuggate.agent.protocol.AgentHealth;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.gateway.agents.AgentConnections;
import io.debuggate.gateway.agents.AgentOrders;
import io.debuggate.gateway.targets.Target;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves a target running with no debugger: over the gateway's own relay connection (never the
 * client's, which may be blocked behind a {@code Command}), the one {@link TeardownSequence} ends
 * in {@code Detach{Kill:false}}; then the agent is asked from outside whether the target lives and
 * dlv is gone. Both results go to the audit trail.
 */
public class TargetTeardown {

    private static final Logger log = LoggerFactory.getLogger(TargetTeardown.class);
    static final String SYSTEM_USER = "debuggate";

    private final AgentConnections agents;
    private final AgentOrders orders;
    private final AuditTrail audit;
    private final TeardownSequence sequence;
    private final Duration stepTimeout;

    public TargetTeardown(AgentConnections agents, AgentOrders orders, AuditTrail audit, TunnelProperties properties) {
        this.agents = agents;
        this.orders = orders;
        this.audit = audit;
        this.stepTimeout = properties.teardownTimeout();
        this.sequence = new TeardownSequence(stepTimeout, TeardownSequence.DEFAULT_RESUME_ATTEMPTS);
    }

    /** Runs the teardown; never throws, reports everything it found. */
    public @Nullable TeardownReport tearDown(Target target, String sessionId, String traceId, String why) {
        AgentClient agent = agents.client(target);
        TeardownReport report;
        try (Socket relay = agent.openDlvRelay(orders.order(target, sessionId, SYSTEM_USER, DebugTool.DLV));
             DlvControlConnection dlv = new DlvControlConnection(relay, stepTimeout)) {
            report = sequence.run(dlv, TeardownSequence.Ending.DETACH);
        } catch (IOException e) {
            // No relay: no dlv attached (the usual case after a clean Detach) or the agent is gone.
            report = null;
            log.info("teardown found no debugger to detach target={} session={} detail=\"{}\"", target.name(), sessionId,
                    e.getMessage());
        }
        String verified = verify(agent);
        log.info("teardown done target={} session={} clean={} cleared={} verified=\"{}\" reason=\"{}\"", target.name(),
                sessionId, report == null || report.clean(), report == null ? "[]" : report.clearedBreakpoints(), verified, why);
        record(target, sessionId, traceId, why, report, verified);
        return report;
    }

    /**
     * A fresh {@code dlv attach} stops the target and keeps it stopped until a client resumes it
     * (debug-protocols.md §1.4); merely opening a session must not pause production.
     */
    void resumeAfterAttach(Target target, String sessionId) throws IOException {
        AgentClient agent = agents.client(target);
        try (Socket relay = agent.openDlvRelay(orders.order(target, sessionId, SYSTEM_USER, DebugTool.DLV));
             DlvControlConnection dlv = new DlvControlConnection(relay, stepTimeout)) {
            DlvState state = dlv.state(true);
            if (!state.running()) {
                dlv.continueWithoutWaiting();
                // Wait until it runs: a client's first request must find the target as a resumed one,
                // or a halt it sends could race this continue (seen on a loaded machine).
                long deadline = System.nanoTime() + stepTimeout.toNanos();
                while (!dlv.state(true).running() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String verify(AgentClient agent) {
        try {
            AgentHealth health = agent.health();
            return "targetPid=" + health.targetPid() + " targetAlive=" + health.targetAlive() + " dlvRunning=" + health.dlvRunning();
        } catch (IOException e) {
            return "agent unreachable: " + e.getMessage();
        }
    }

    private void record(Target target, String sessionId, String traceId, String why, TeardownReport report, String verified) {
        AuditRecord.Builder event = AuditRecord.of(AuditActions.SESSION_TEARDOWN,
                        report == null || report.clean() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, SYSTEM_USER)
                .session(sessionId).request(sessionId).target(target.name()).trace(traceId).reason(why)
                .detail("verified", verified);
        if (report != null) {
            event.detail("wasRunning", report.wasRunning()).detail("clearedBreakpoints", report.clearedBreakpoints().toString())
                    .detail("ending", report.ending().name()).detail("runningAfter", report.runningAfter())
                    .detail("tookMillis", report.took().toMillis()).detail("targetPid", report.targetPid())
                    .detail("problems", String.join("; ", report.problems()));
        } else {
            event.detail("debugger", "none attached");
        }
        try {
            audit.record(event.build());
        } catch (AuditUnavailableException e) {
            log.error("audit unavailable recording a teardown target={} session={} error=\"{}\"", target.name(), sessionId,
                    e.getMessage());
        }
    }
}
