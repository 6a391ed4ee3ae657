package io.debuggate.gateway.agents;

import io.debuggate.agent.protocol.OrderTokenSigner;
import io.debuggate.gateway.DebuggateHome;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AgentsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AgentOrderKeys agentOrderKeys(AgentsProperties properties, DebuggateHome home) {
        return AgentOrderKeys.loadOrCreate(properties, home);
    }

    @Bean
    AgentOrders agentOrders(AgentOrderKeys keys, AgentsProperties properties, Clock clock) {
        return new AgentOrders(new OrderTokenSigner(keys.privateKey()), properties, clock);
    }
}
