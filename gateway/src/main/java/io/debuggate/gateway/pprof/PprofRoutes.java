package io.debuggate.gateway.pprof;

import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;

import io.debuggate.approval.ApprovalService;
import io.debuggate.audit.AuditTrail;
import io.debuggate.gateway.agents.AgentConnections;
import io.debuggate.gateway.agents.AgentOrders;
import io.debuggate.gateway.auditstore.AuditGate;
import io.debuggate.gateway.health.TargetHealthGate;
import io.debuggate.gateway.policy.ActiveMasking;
import io.debuggate.gateway.sessions.SessionAccess;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The pprof route: {@code GET /api/sessions/{sessionId}/pprof/<profile>} (also accepts the
 * {@code /debug/pprof/<profile>} spelling so {@code go tool pprof} URLs map one to one), and
 * {@code GET /ui/sessions/{sessionId}/pprof/<profile>} for the web UI's download links.
 */
@Configuration(proxyBeanMethods = false)
class PprofRoutes {

    @Bean
    RouterFunction<ServerResponse> pprofRoute(SessionAccess sessions, PprofGuard guard, AuditTrail audit,
                                              AgentOrders orders, AgentConnections agents, ActiveMasking masking,
                                              TargetHealthGate health, ApprovalService approvals, PprofProperties limits,
                                              AuditGate auditGate) {
        PprofProxyHandler handler = new PprofProxyHandler(sessions, guard, audit, orders, agents, masking::current, health,
                new PprofRateLimits(limits), new PprofExclusivity(Clock.systemUTC()), auditGate);
        return route("pprof")
                .GET("/api/sessions/{sessionId}/pprof", handler)
                .GET("/api/sessions/{sessionId}/pprof/**", handler)
                // the web UI's download links: same handler, behind the site's login session instead of a token
                .GET(PprofPath.UI_PREFIX + "{sessionId}/pprof/**", handler)
                // upstream (agent) failures: one Spring Cloud Gateway circuit breaker per target
                .filter(new PprofUpstreamBreaker(approvals).filter())
                .build()
                .and(route("pprof-upstream-fallback")
                        .GET(PprofUpstreamBreaker.FALLBACK_PATH, new PprofFallbackHandler(audit))
                        .build());
    }

    /**
     * The pprof upstream breakers: open after half of the last 10 fetches (at least 5) failed
     * upstream, try again after 30 s with 2 trial fetches. Other breaker ids keep Resilience4j's
     * defaults. (Run on the request's own thread: {@code disable-thread-pool} in application.yaml.)
     */
    @Bean
    Customizer<Resilience4JCircuitBreakerFactory> pprofUpstreamBreakerDefaults() {
        CircuitBreakerConfig upstream = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(2)
                .build();
        return factory -> factory.configureDefault(id -> id.startsWith(PprofUpstreamBreaker.ID_PREFIX)
                ? new Resilience4JConfigBuilder(id).circuitBreakerConfig(upstream).build()
                : new Resilience4JConfigBuilder(id).build());
    }
}
