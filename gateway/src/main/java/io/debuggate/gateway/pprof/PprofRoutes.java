package io.debuggate.gateway.pprof;

import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;

import io.debuggate.audit.AuditTrail;
import io.debuggate.gateway.agents.AgentConnections;
import io.debuggate.gateway.agents.AgentOrders;
import io.debuggate.gateway.sessions.SessionAccess;
import io.debuggate.policies.masking.MaskingEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The pprof route: {@code GET /api/sessions/{sessionId}/pprof/<profile>} (also accepts the
 * {@code /debug/pprof/<profile>} spelling so {@code go tool pprof} URLs map one to one).
 */
@Configuration(proxyBeanMethods = false)
class PprofRoutes {

    @Bean
    RouterFunction<ServerResponse> pprofRoute(SessionAccess sessions, PprofGuard guard, AuditTrail audit,
                                              AgentOrders orders, AgentConnections agents, MaskingEngine masking) {
        PprofProxyHandler handler = new PprofProxyHandler(sessions, guard, audit, orders, agents, masking);
        return route("pprof")
                .GET("/api/sessions/{sessionId}/pprof", handler)
                .GET("/api/sessions/{sessionId}/pprof/**", handler)
                .build();
    }
}
