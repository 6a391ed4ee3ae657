package io.debuggate.gateway.tunnel;

import io.debuggate.agent.client.AgentClient;
import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.DlvEndpoint;
import io.debuggate.approval.event.GrantExpired;
import io.debuggate.approval.event.GrantRevoked;
import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.gateway.agents.AgentConnections;
import io.debuggate.gateway.agents.AgentOrders;
import io.debuggate.gateway.sessions.SessionGrant;
import io.debuggate.gateway.targets.Target;
import io.debuggate.policies.HaltBudget;
import io.debuggate.policies.ModePolicy;
import io.debuggate.policies.masking.DelveVariableMasker;
import io.debuggate.policies.masking.MaskingEngine;
import java.io.IOException;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every live debugger session of this gateway and its connections. Cutting ends the session
 * (further messages are refused even if a connection races the cut), closes its connections with
 * the reason, and hands the target to {@link TargetTeardown} so it is left running. The teardown of
 * a target also runs when its last debugger connection closes for any other reason: in
 * multi-client mode a client that simply disconnects would leave the target as it was, halted
 * included (debug-protocols.md §1.4).
 */
public class LiveSessions {

    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

    private final AgentConnections agents;
    private final AgentOrders orders;
    private final BestEffortAudit audit;
    private final TargetTeardown teardown;
    private final Clock clock;
    private final ConcurrentMap<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final Set<DlvConnectionBroker> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, ReentrantLock> targetLocks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, TargetControl> controls = new ConcurrentHashMap<>();
    /** Relays opened per target, counted under the target's lock: tells a teardown that a connection is on its way. */
    private final ConcurrentMap<String, Long> relaysOpened = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger pendingTeardowns = new java.util.concurrent.atomic.AtomicInteger();
    /** Captures outlive the connection (the engineer reads them afterwards); bounded per session. */
    private final ConcurrentMap<String, java.util.Deque<SnapshotCapture>> captureStore = new ConcurrentHashMap<>();
    private static final int MAX_CAPTURES_PER_SESSION = 200;
    private final Duration stepTimeout;
    /** Captures hold target memory: masked before they are kept, shown or recorded. */
    private final Supplier<MaskingEngine> masking;

    public LiveSessions(AgentConnections agents, AgentOrders orders, AuditTrail audit, TargetTeardown teardown, Clock clock,
                        TunnelProperties properties, Supplier<MaskingEngine> masking) {
        this.masking = masking;
        this.agents = agents;
        this.orders = orders;
        this.audit = new BestEffortAudit(audit);
        this.teardown = teardown;
        this.clock = clock;
        this.stepTimeout = properties.teardownTimeout();
    }

    /** The live session for a grant; one per session id, shared by its connections. */
    LiveSession join(SessionGrant grant, Supplier<ModePolicy> mode) {
        return sessions.compute(grant.sessionId(), (id, existing) -> existing != null && !existing.ended()
                ? existing : new LiveSession(grant, mode, HexFormat.of().formatHex(randomBytes())));
    }

    /**
     * Makes sure dlv is attached to the session's target and opens one relay connection to it.
     * Serialized per target with teardowns, so a connection never lands on a dlv being detached.
     */
    Socket openRelay(LiveSession session) throws IOException {
        Target target = session.grant().target();
        ReentrantLock lock = lockFor(target);
        lock.lock();
        try {
            AgentClient agent = agents.client(target);
            DlvEndpoint endpoint = agent.attachDlv(orders.order(target, session.id(), session.user(), DebugTool.DLV));
            if (endpoint.startedNow()) {
                teardown.resumeAfterAttach(target, session.id());
            }
            TargetControl control = controls.get(target.name());
            if (control == null || !control.isOpen()) {
                Socket relay = agent.openDlvRelay(endpoint, orders.order(target, session.id(), TargetTeardown.SYSTEM_USER,
                        DebugTool.DLV));
                controls.put(target.name(), new TargetControl(target.name(), relay, () -> budgetFor(target),
                        (why, stopped) -> budgetResumed(target, why, stopped), this::captured, stepTimeout));
            }
            relaysOpened.merge(target.name(), 1L, Long::sum);
            return agent.openDlvRelay(endpoint, orders.order(target, session.id(), session.user(), DebugTool.DLV));
        } finally {
            lock.unlock();
        }
    }

    /** The gateway's control connection to the session's target (opened by {@link #openRelay}). */
    @Nullable TargetControl control(LiveSession session) {
        return controls.get(session.grant().target().name());
    }

    /** The strictest budget of the sessions live on the target: every engineer's mode must hold. */
    private HaltBudget budgetFor(Target target) {
        HaltBudget strictest = null;
        for (DlvConnectionBroker c : connections) {
            if (c.session().grant().target().equals(target)) {
                HaltBudget b = c.session().mode().haltBudget();
                strictest = strictest == null ? b : new HaltBudget(min(b.perStop(), strictest.perStop()),
                        Math.min(b.maxShareOfWallTime(), strictest.maxShareOfWallTime()), max(b.window(), strictest.window()));
            }
        }
        return strictest != null ? strictest : new HaltBudget(Duration.ZERO, 0.0, Duration.ofSeconds(60));
    }

    private void budgetResumed(Target target, String why, Duration stopped) {
        String text = "debuggate resumed the target after " + stopped.toMillis() + " ms: " + why
                + ". Production may not stay halted longer; inspect in shorter stops.";
        for (DlvConnectionBroker c : connections) {
            if (c.session().grant().target().equals(target)) {
                c.notice(text);
            }
        }
        LiveSession any = connections.stream().map(DlvConnectionBroker::session)
                .filter(s -> s.grant().target().equals(target)).findFirst().orElse(null);
        audit.record(AuditRecord.of(AuditActions.HALT_BUDGET_RESUMED, AuditOutcome.SUCCESS, TargetTeardown.SYSTEM_USER)
                .session(any == null ? null : any.id()).request(any == null ? null : any.id())
                .trace(any == null ? null : any.traceId()).target(target.name()).reason(why)
                .detail("stoppedMillis", stopped.toMillis()).build(), "resuming the target");
    }

    private void captured(SnapshotCapture raw) {
        SnapshotCapture capture = new SnapshotCapture(raw.sessionId(), raw.breakpointId(), raw.hit(), raw.at(), raw.goroutineId(),
                raw.function(), raw.file(), raw.line(), new DelveVariableMasker(masking.get()).maskTree(raw.frames()));
        captureStore.computeIfAbsent(capture.sessionId(), k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).addLast(capture);
        java.util.Deque<SnapshotCapture> kept = captureStore.get(capture.sessionId());
        while (kept.size() > MAX_CAPTURES_PER_SESSION) {
            kept.pollFirst();
        }
        LiveSession session = sessions.get(capture.sessionId());
        String where = capture.function() + " (" + capture.file() + ":" + capture.line() + ")";
        audit.record(AuditRecord.of(AuditActions.SNAPSHOT_CAPTURE, AuditOutcome.SUCCESS,
                        session == null ? TargetTeardown.SYSTEM_USER : session.user())
                .session(capture.sessionId()).request(capture.sessionId()).trace(session == null ? null : session.traceId())
                .detail("breakpoint", capture.breakpointId()).detail("hit", capture.hit()).detail("goroutine", capture.goroutineId())
                .detail("location", where).detail("frames", capture.frames().toString()).build(), "resuming after a capture");
        connections.stream().filter(c -> c.session().id().equals(capture.sessionId()))
                .forEach(c -> c.notice("debuggate: capture " + capture.hit() + " of breakpoint " + capture.breakpointId()
                        + " at " + where + ", goroutine " + capture.goroutineId() + "; the target runs on"));
    }

    /** The captures a snapshot session's breakpoints recorded, oldest first (masked). */
    public List<SnapshotCapture> captures(String sessionId) {
        java.util.Deque<SnapshotCapture> kept = captureStore.get(sessionId);
        return kept == null ? List.of() : List.copyOf(kept);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    void register(DlvConnectionBroker broker) {
        connections.add(broker);
    }

    /** Called by each broker once it is closed, whatever closed it. */
    void closed(DlvConnectionBroker broker) {
        // Counted before the connection disappears, so that "no connection and no teardown pending"
        // never holds while this one's teardown is still to be scheduled.
        pendingTeardowns.incrementAndGet();
        boolean scheduled = false;
        try {
            if (!connections.remove(broker)) {
                return;
            }
            LiveSession session = broker.session();
            Target target = session.grant().target();
            if (connections.stream().noneMatch(c -> c.session() == session)) {
                sessions.remove(session.id(), session);
            }
            if (connections.stream().noneMatch(c -> c.session().grant().target().equals(target))) {
                long epoch = relaysOpened.getOrDefault(target.name(), 0L);
                Thread.ofVirtual().name("teardown-" + target.name()).start(() -> tearDown(target, session, epoch,
                        session.ended() ? "session ended" : "last debugger connection closed"));
                scheduled = true;
            }
        } finally {
            if (!scheduled) {
                pendingTeardowns.decrementAndGet();
            }
        }
    }

    /** Cuts one session: its connections close with {@code why}; the target is torn down. */
    public int cut(String sessionId, String actor, String why) {
        return cutWhere(s -> s.id().equals(sessionId), actor, why);
    }

    /** Cuts every session on one target instance. */
    public int cutTarget(String service, String instance, String actor, String why) {
        return cutWhere(s -> s.grant().target().service().equals(service) && s.grant().target().instance().equals(instance),
                actor, why);
    }

    /** Cuts every session of this gateway. */
    public int cutAll(String actor, String why) {
        return cutWhere(s -> true, actor, why);
    }

    /** Whether any debugger connection to the target is open. */
    boolean hasConnections(Target target) {
        return connections.stream().anyMatch(c -> c.session().grant().target().equals(target));
    }

    /** Sessions live now, for the API and the kill switch's report. */
    public List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LiveSession s : sessions.values()) {
            long open = connections.stream().filter(c -> c.session() == s).count();
            out.add(Map.of("sessionId", s.id(), "user", s.user(), "target", s.targetName(), "mode", s.mode().name(),
                    "connections", open));
        }
        return out;
    }

    private int cutWhere(Predicate<LiveSession> which, String actor, String why) {
        int cut = 0;
        for (LiveSession session : List.copyOf(sessions.values())) {
            if (!which.test(session) || !session.end(why)) {
                continue;
            }
            cut++;
            audit.record(AuditRecord.of(AuditActions.SESSION_CUT, AuditOutcome.SUCCESS, actor).session(session.id())
                    .request(session.id()).target(session.targetName()).trace(session.traceId()).reason(why).build(),
                    "cutting the session");
            List<DlvConnectionBroker> open = connections.stream().filter(c -> c.session() == session).toList();
            log.info("session cut session={} target={} connections={} actor={} reason=\"{}\"", session.id(),
                    session.targetName(), open.size(), actor, why);
            open.forEach(c -> c.cut(why));
            if (open.isEmpty()) {
                sessions.remove(session.id(), session);
            }
        }
        return cut;
    }

    @EventListener
    void onRevoked(GrantRevoked event) {
        cut(event.requestId(), event.revokedBy(), "session " + event.requestId() + " was revoked by " + event.revokedBy());
    }

    @EventListener
    void onExpired(GrantExpired event) {
        cut(event.requestId(), "system", "session " + event.requestId() + " expired at " + event.endsAt());
    }

    /** Idle connections see no message to trip the per-message check; this sweeps them. */
    @Scheduled(fixedDelayString = "${debuggate.tunnel.expiry-check:1s}")
    void sweepEndedGrants() {
        for (LiveSession session : List.copyOf(sessions.values())) {
            session.refusal(clock.instant()).ifPresent(why -> cut(session.id(), "system", why));
        }
    }

    /**
     * Tells each agent with a live session that the gateway is alive; an agent that stops hearing
     * it runs the teardown itself (dead-man switch), so a gateway killed mid-session cannot leave a
     * target halted.
     */
    @Scheduled(fixedDelayString = "${debuggate.tunnel.heartbeat-interval:2s}")
    void heartbeat() {
        Map<String, LiveSession> byTarget = new java.util.HashMap<>();
        connections.forEach(c -> byTarget.putIfAbsent(c.session().grant().target().name(), c.session()));
        byTarget.values().forEach(session -> {
            Target target = session.grant().target();
            try {
                agents.client(target).heartbeat(orders.order(target, session.id(), TargetTeardown.SYSTEM_USER, DebugTool.DLV));
            } catch (IOException e) {
                log.warn("heartbeat to agent failed target={} error=\"{}\"", target.name(), e.getMessage());
            }
        });
    }

    /** The gateway is stopping: no session may outlive it with its target halted. */
    public void shutdown() {
        cutAll("system", "the gateway is shutting down; reconnect to another gateway or later");
        awaitTeardowns(stepTimeout.multipliedBy(6));
    }

    /** Waits until every scheduled teardown has finished, at most {@code atMost}; true if none is left. */
    public boolean awaitTeardowns(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            while ((pendingTeardowns.get() > 0 || !connections.isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pendingTeardowns.get() > 0) {
            log.error("teardowns still running after {}; stopping anyway count={}", atMost, pendingTeardowns.get());
            return false;
        }
        return true;
    }

    /**
     * @param epoch relays opened to the target when it went idle: a relay opened since belongs to a
     *              connection still completing its handshake, and the last connection to leave tears down
     */
    private void tearDown(Target target, LiveSession last, long epoch, String why) {
        ReentrantLock lock = lockFor(target);
        lock.lock();
        try {
            if (connections.stream().anyMatch(c -> c.session().grant().target().equals(target))
                    || relaysOpened.getOrDefault(target.name(), 0L) != epoch) {
                return; // a new connection arrived meanwhile (a failed handshake leaves it to the agent's dead-man switch)
            }
            TargetControl control = controls.remove(target.name());
            if (control != null) {
                control.close();
            }
            teardown.tearDown(target, last.id(), last.traceId(), why);
        } finally {
            lock.unlock();
            pendingTeardowns.decrementAndGet();
        }
    }

    private ReentrantLock lockFor(Target target) {
        return targetLocks.computeIfAbsent(target.name(), k -> new ReentrantLock());
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
