package io.debuggate.gateway.tunnel;

import io.debuggate.audit.AuditTrail;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.gateway.agents.AgentConnections;
import io.debuggate.gateway.agents.AgentOrders;
import io.debuggate.gateway.auditstore.AuditGate;
import io.debuggate.gateway.health.TargetHealthGate;
import io.debuggate.gateway.policy.ActivePolicy;
import io.debuggate.gateway.policy.ActiveMasking;
import io.debuggate.gateway.sessions.SessionAccess;
import io.debuggate.gateway.targets.TargetRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The debugger tunnel endpoints and the live-session registry behind them. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableScheduling
@EnableConfigurationProperties(TunnelProperties.class)
class TunnelConfiguration {

    /** The CLI sends 64 KiB chunks; frames are debugger bytes, not messages, so this bounds memory only. */
    private static final int MAX_FRAME_BYTES = 1024 * 1024;

    @Bean
    TargetTeardown targetTeardown(AgentConnections agents, AgentOrders orders, AuditTrail audit, TunnelProperties properties) {
        return new TargetTeardown(agents, orders, audit, properties);
    }

    @Bean
    LiveSessions liveSessions(AgentConnections agents, AgentOrders orders, AuditTrail audit, TargetTeardown teardown,
                              Clock clock, TunnelProperties properties, ActiveMasking masking) {
        return new LiveSessions(agents, orders, audit, teardown, clock, properties, masking::current);
    }

    @Bean
    KillSwitch killSwitch(LiveSessions sessions, TargetRegistry targets, AgentConnections agents, AuditTrail audit) {
        return new KillSwitch(sessions, targets, agents, audit);
    }

    @Bean
    SessionAdmission sessionAdmission(AuditGate audit, TargetHealthGate health) {
        return new SessionAdmission(audit, health);
    }

    @Bean
    BreakerTripCut breakerTripCut(LiveSessions sessions) {
        return new BreakerTripCut(sessions);
    }

    @Bean
    AuditFailClosedWatch auditFailClosedWatch(DurableAuditTrail trail, LiveSessions sessions) {
        return new AuditFailClosedWatch(trail, sessions);
    }

    /** Cuts and tears down every session before the web server and the agents' clients stop. */
    @Bean
    SmartLifecycle liveSessionsShutdown(LiveSessions sessions) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                sessions.shutdown();
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // after the web server's graceful shutdown phase has begun, before beans are destroyed
                return SmartLifecycle.DEFAULT_PHASE - 1024;
            }
        };
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
        container.setMaxTextMessageBufferSize(64 * 1024);
        container.setMaxSessionIdleTimeout(0L);
        return container;
    }

    @Bean
    WebSocketConfigurer dlvTunnelEndpoint(SessionAccess access, ActivePolicy policies, LiveSessions sessions,
                                          SessionAdmission admission, TunnelProperties properties, ActiveMasking masking,
                                          AuditTrail audit, Clock clock) {
        DlvTunnelHandler handler = new DlvTunnelHandler(sessions, properties, masking::current, audit, clock);
        TunnelHandshake handshake = new TunnelHandshake(access, policies, sessions, admission, audit);
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(handler, "/api/sessions/*/tunnel/dlv")
                .addInterceptors(handshake)
                // Bearer-authenticated, not cookie-authenticated, so there is no cross-site risk to
                // guard with an Origin check; the CLI sends no Origin at all.
                .setAllowedOriginPatterns("*");
    }
}
