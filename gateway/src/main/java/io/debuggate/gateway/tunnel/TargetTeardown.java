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
    /** How long the target may take to be seen running and untraced after the teardown. */
    static final Duration VERIFY_WITHIN = Duration.ofSeconds(3);

    private final AgentConnections agents;
    private final AgentOrders orders;
    private final BestEffortAudit audit;
    private final TeardownSequence sequence;
    private final Duration stepTimeout;

    public TargetTeardown(AgentConnections agents, AgentOrders orders, AuditTrail audit, TunnelProperties properties) {
        this.agents = agents;
        this.orders = orders;
        this.audit = new BestEffortAudit(audit);
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
        Verification verified = verify(agent);
        log.info("teardown done target={} session={} clean={} serving={} cleared={} verified=\"{}\" reason=\"{}\"", target.name(),
                sessionId, report == null || report.clean(), verified.serving(),
                report == null ? "[]" : report.clearedBreakpoints(), verified.detail(), why);
        if (!verified.serving()) {
            log.error("target not serving after teardown target={} session={} verified=\"{}\": look at it now", target.name(),
                    sessionId, verified.detail());
        }
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

    /** What the target looks like from outside, as its agent reads /proc: it must be serving and untraced. */
    private record Verification(boolean serving, String detail) {
    }

    /**
     * Asks the agent until the target is seen serving, for a little while: dlv lets go of the
     * process just after it answers Detach, and exits a moment later.
     */
    private Verification verify(AgentClient agent) {
        long deadline = System.nanoTime() + VERIFY_WITHIN.toNanos();
        String detail = "not checked";
        while (true) {
            try {
                AgentHealth health = agent.health();
                detail = "targetPid=" + health.targetPid() + " state=\"" + health.targetState() + "\" traced="
                        + health.targetTraced() + " dlvRunning=" + health.dlvRunning();
                if (health.targetServing()) {
                    return new Verification(true, detail);
                }
            } catch (IOException e) {
                detail = "agent unreachable: " + e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                return new Verification(false, detail);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Verification(false, detail);
            }
        }
    }

    private void record(Target target, String sessionId, String traceId, String why, @Nullable TeardownReport report,
                        Verification verified) {
        boolean ok = (report == null || report.clean()) && verified.serving();
        AuditRecord.Builder event = AuditRecord.of(AuditActions.SESSION_TEARDOWN, ok ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                        SYSTEM_USER)
                .session(sessionId).request(sessionId).target(target.name()).trace(traceId).reason(why)
                .detail("targetServing", verified.serving()).detail("verified", verified.detail());
        if (report != null) {
            event.detail("wasRunning", report.wasRunning()).detail("clearedBreakpoints", report.clearedBreakpoints().toString())
                    .detail("ending", report.ending().name()).detail("runningAfter", report.runningAfter())
                    .detail("tookMillis", report.took().toMillis()).detail("targetPid", report.targetPid())
                    .detail("problems", String.join("; ", report.problems()));
        } else {
            event.detail("debugger", "none attached");
        }
        audit.record(event.build(), "tearing down");
    }
}
