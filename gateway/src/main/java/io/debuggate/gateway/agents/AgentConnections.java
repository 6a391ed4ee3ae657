package io.debuggate.gateway.agents;

import io.debuggate.agent.client.AgentClient;
import io.debuggate.gateway.targets.Target;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** One HTTP client per agent, reused across fetches. */
@Component
public class AgentConnections implements DisposableBean {

    private final AgentOrders orders;
    private final ConcurrentMap<String, AgentClient> clients = new ConcurrentHashMap<>();

    public AgentConnections(AgentOrders orders) {
        this.orders = orders;
    }

    public AgentClient client(Target target) {
        return clients.computeIfAbsent(target.agentId() + "@" + target.agentUrl(),
                k -> new AgentClient(target.agentUrl(), orders.signer()));
    }

    @Override
    public void destroy() {
        clients.values().forEach(AgentClient::close);
        clients.clear();
    }
}
