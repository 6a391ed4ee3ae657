package io.debuggate.gateway.pprof;

import io.debuggate.agent.protocol.SignedOrder;
import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.gateway.agents.AgentConnections;
import io.debuggate.gateway.agents.AgentOrders;
import io.debuggate.gateway.auditstore.AuditGate;
import io.debuggate.gateway.health.TargetHealthGate;
import io.debuggate.gateway.identity.CurrentCaller;
import io.debuggate.gateway.sessions.SessionAccess;
import io.debuggate.gateway.sessions.SessionAccessDeniedException;
import io.debuggate.gateway.sessions.SessionGrant;
import io.debuggate.policies.masking.MaskingEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Streams one pprof answer from the target's agent to the client. Order of duties: who (grant),
 * what (policy), record (audit, fail closed), then bytes. Binary profiles pass through byte for
 * byte; text formats go through the masking engine while streaming, so no body is ever held in
 * memory whole.
 */
final class PprofProxyHandler implements HandlerFunction<ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(PprofProxyHandler.class);
    private static final int COPY_BUFFER_BYTES = 64 * 1024;
    private static final List<String> PASSED_HEADERS =
            List.of("Content-Type", "Content-Disposition", "X-Go-Pprof", "X-Content-Type-Options");

    private final SessionAccess sessions;
    private final PprofGuard guard;
    private final AuditTrail audit;
    private final AgentOrders orders;
    private final AgentConnections agents;
    private final Supplier<MaskingEngine> masking;
    private final TargetHealthGate health;
    private final PprofRateLimits rateLimits;
    private final PprofExclusivity exclusivity;
    private final AuditGate auditGate;

    PprofProxyHandler(SessionAccess sessions, PprofGuard guard, AuditTrail audit, AgentOrders orders,
                      AgentConnections agents, Supplier<MaskingEngine> masking, TargetHealthGate health,
                      PprofRateLimits rateLimits, PprofExclusivity exclusivity, AuditGate auditGate) {
        this.sessions = sessions;
        this.guard = guard;
        this.audit = audit;
        this.orders = orders;
        this.agents = agents;
        this.masking = masking;
        this.health = health;
        this.rateLimits = rateLimits;
        this.exclusivity = exclusivity;
        this.auditGate = auditGate;
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws IOException {
        String sessionId = request.pathVariable("sessionId");
        CurrentCaller caller = CurrentCaller.from((Authentication) request.principal().orElseThrow());
        Optional<String> framing = PprofRequestFraming.problem(request.headers().asHttpHeaders());
        if (framing.isPresent()) {
            return deny(caller, sessionId, null, "bad-framing", HttpStatus.BAD_REQUEST, framing.get(), request);
        }
        PprofPath path;
        try {
            path = PprofPath.parse(request.path(), sessionId);
        } catch (IllegalArgumentException e) {
            return deny(caller, sessionId, null, "bad-path", HttpStatus.BAD_REQUEST, e.getMessage(), request);
        }
        SessionGrant session;
        try {
            session = sessions.authorize(sessionId, caller, "pprof");
        } catch (SessionAccessDeniedException e) {
            return deny(caller, sessionId, null, e.reason(), HttpStatus.valueOf(e.status()), e.getMessage(), request);
        }
        Optional<TargetHealthGate.Refusal> unhealthy = health.check(session.grant());
        if (unhealthy.isPresent()) {
            // An approval voided by a trip stays void (403); a closed target opens again later (503).
            HttpStatus status = unhealthy.get().rule().equals("approved-before-trip") ? HttpStatus.FORBIDDEN
                    : HttpStatus.SERVICE_UNAVAILABLE;
            return deny(caller, sessionId, session.target().name(), unhealthy.get().rule(), status,
                    unhealthy.get().message(), request);
        }
        Optional<String> unrecorded = auditGate.refusal();
        if (unrecorded.isPresent()) {
            // The spool may still take events (the refusal itself is spooled), but the trail fails
            // closed: like the tunnel, pprof refuses until it recovers.
            return deny(caller, sessionId, session.target().name(), "audit-fail-closed", HttpStatus.SERVICE_UNAVAILABLE,
                    unrecorded.get(), request);
        }
        PprofGuard.Verdict verdict = guard.check(session.grant(), path.profile(), query(request.params()));
        if (!verdict.allowed()) {
            return deny(caller, sessionId, session.target().name(), verdict.reason(), HttpStatus.valueOf(verdict.status()),
                    verdict.message(), request);
        }
        String target = session.target().name();
        PprofExclusivity.Lease lease;
        switch (exclusivity.acquire(target, path.profile(), seconds(request.params()), sessionId, caller.username())) {
            case PprofExclusivity.Busy busy -> {
                return deny(caller, sessionId, target, "pprof-slot-busy", HttpStatus.CONFLICT, busy.message(), request,
                        busy.retryAfterSeconds());
            }
            case PprofExclusivity.Lease granted -> lease = granted;
        }
        // Only fetches that would reach the target count against the limits; a refused one costs nothing.
        Optional<PprofRateLimits.Exceeded> overLimit = rateLimits.take(caller.username(), target);
        if (overLimit.isPresent()) {
            lease.close();
            PprofRateLimits.Exceeded limit = overLimit.get();
            return deny(caller, sessionId, target, limit.rule(), HttpStatus.TOO_MANY_REQUESTS,
                    limit.message() + "; retry in " + limit.retryAfterSeconds() + "s", request, limit.retryAfterSeconds());
        }
        try {
            return forward(request, caller, sessionId, session, path, verdict, lease);
        } catch (RuntimeException | IOException e) {
            lease.close();
            throw e;
        }
    }

    /** Records the start, asks the agent, and streams the answer; the lease is released when the stream ends. */
    private ServerResponse forward(ServerRequest request, CurrentCaller caller, String sessionId, SessionGrant session,
                                   PprofPath path, PprofGuard.Verdict verdict, PprofExclusivity.Lease lease)
            throws IOException {
        String pathAndQuery = path.profile() + (verdict.canonicalQuery().isEmpty() ? "" : "?" + verdict.canonicalQuery());
        try {
            audit.record(AuditRecord.of(AuditActions.PPROF_FETCH, AuditOutcome.SUCCESS, caller.username())
                    .session(sessionId).target(session.target().name()).request(sessionId)
                    .detail("phase", "started").detail("profile", path.profile()).detail("query", verdict.canonicalQuery())
                    .build());
        } catch (AuditUnavailableException e) {
            // Fail closed: a fetch that cannot be recorded does not happen.
            lease.close();
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Audit trail unavailable",
                    "the fetch was not forwarded because it could not be recorded durably: " + e.getMessage());
        }
        SignedOrder order = orders.pprofOrder(session.target(), sessionId, caller.username());
        long started = System.nanoTime();
        HttpResponse<InputStream> upstream;
        try {
            upstream = agents.client(session.target()).pprof(order, pathAndQuery);
        } catch (IOException e) {
            lease.close();
            audit.record(AuditRecord.of(AuditActions.PPROF_FETCH, AuditOutcome.FAILURE, caller.username())
                    .session(sessionId).target(session.target().name()).request(sessionId)
                    .detail("phase", "upstream-failed").detail("profile", path.profile()).reason(e.getMessage()).build());
            String detail = "agent for " + session.target().name() + " failed: " + e.getMessage()
                    + ". Check that the agent and the service are running (GET /api/targets)";
            // The upstream circuit breaker's fallback repeats this detail.
            request.servletRequest().setAttribute(PprofUpstreamBreaker.FAILURE_ATTRIBUTE, detail);
            return problem(HttpStatus.BAD_GATEWAY, "The target's agent did not serve the profile", detail + ".");
        }
        String contentType = upstream.headers().firstValue("Content-Type").orElse("application/octet-stream");
        boolean text = contentType.startsWith("text/") || contentType.contains("json");
        ServerResponse.BodyBuilder response = ServerResponse.status(upstream.statusCode());
        for (String header : PASSED_HEADERS) {
            upstream.headers().firstValue(header).ifPresent(v -> response.header(header, v));
        }
        response.header("Cache-Control", "no-store");
        response.header("X-Debuggate-Masked", Boolean.toString(text));
        if (!text) {
            upstream.headers().firstValue("Content-Length").ifPresent(v -> response.header("Content-Length", v));
        }
        return response.build((servletRequest, servletResponse) -> {
            // Never flushed before the end: an answer that fits the response buffer then leaves with
            // its length, headers and body in one write; a larger one goes out as the buffer fills.
            DigestingOutputStream counted =
                    new DigestingOutputStream(new FlushAtCloseOutputStream(servletResponse.getOutputStream()));
            AuditOutcome outcome = upstream.statusCode() < 400 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE;
            String failure = null;
            try (InputStream in = upstream.body()) {
                // Larger than Tomcat's and transferTo's defaults: fewer writes per megabyte on the large profiles.
                servletResponse.setBufferSize(COPY_BUFFER_BYTES);
                OutputStream sink = text ? masking.get().outputStream(counted) : counted;
                byte[] buffer = new byte[COPY_BUFFER_BYTES];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    sink.write(buffer, 0, n);
                }
                sink.close();
            } catch (IOException e) {
                outcome = AuditOutcome.FAILURE;
                failure = e.getMessage();
                throw e;
            } finally {
                lease.close();
                long millis = (System.nanoTime() - started) / 1_000_000;
                audit.record(AuditRecord.of(AuditActions.PPROF_FETCH, outcome, caller.username())
                        .session(sessionId).target(session.target().name()).request(sessionId)
                        .detail("phase", "completed").detail("profile", path.profile())
                        .detail("query", verdict.canonicalQuery()).detail("status", upstream.statusCode())
                        .detail("bytes", counted.bytes()).detail("sha256", counted.sha256Hex())
                        .detail("masked", text).detail("durationMs", millis).reason(failure).build());
                log.info("event=pprof_fetch session={} user={} target={} profile={} status={} bytes={} duration_ms={}",
                        sessionId, caller.username(), session.target().name(), path.profile(), upstream.statusCode(),
                        counted.bytes(), millis);
            }
            return null;
        });
    }

    private ServerResponse deny(CurrentCaller caller, String sessionId, @Nullable String target, String reason,
                                HttpStatus status, String message, ServerRequest request) {
        return deny(caller, sessionId, target, reason, status, message, request, 0);
    }

    /** @param retryAfterSeconds sent as {@code Retry-After} when positive */
    private ServerResponse deny(CurrentCaller caller, String sessionId, @Nullable String target, String reason,
                                HttpStatus status, String message, ServerRequest request, long retryAfterSeconds) {
        audit.record(AuditRecord.of(AuditActions.PPROF_FETCH, AuditOutcome.DENIED, caller.username())
                .session(sessionId).target(target).request(sessionId).reason(message)
                .detail("rule", reason).detail("path", request.path()).build());
        log.info("event=pprof_denied session={} user={} rule={} status={}", sessionId, caller.username(), reason, status.value());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, message);
        body.setTitle("pprof request refused");
        body.setProperty("rule", reason);
        ServerResponse.BodyBuilder response = ServerResponse.status(status);
        if (retryAfterSeconds > 0) {
            response.header("Retry-After", Long.toString(retryAfterSeconds));
            body.setProperty("retryAfterSeconds", retryAfterSeconds);
        }
        return response.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static ServerResponse problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        return ServerResponse.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** The {@code seconds} parameter; policy has already checked it is a plain number within bounds. */
    private static @Nullable Integer seconds(MultiValueMap<String, String> params) {
        String seconds = params.getFirst("seconds");
        return seconds == null ? null : Integer.valueOf(seconds);
    }

    private static Map<String, List<String>> query(MultiValueMap<String, String> params) {
        return Map.copyOf(params);
    }
}
