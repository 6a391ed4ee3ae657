package io.debuggate.gateway.agents;

import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.OrderTokenSigner;
import io.debuggate.gateway.targets.Target;
import java.time.Clock;

/** Issues one signed, short-lived order per proxied fetch or relay connection. */
public class AgentOrders {

    private final OrderTokenSigner signer;
    private final AgentsProperties properties;
    private final Clock clock;

    public AgentOrders(OrderTokenSigner signer, AgentsProperties properties, Clock clock) {
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
    }

    public OrderToken order(Target target, String sessionId, String user, DebugTool tool) {
        return OrderToken.issue(properties.issuer(), target.agentId(), target.name(), sessionId, user, tool,
                clock, properties.orderTtl());
    }

    public OrderTokenSigner signer() {
        return signer;
    }
}
