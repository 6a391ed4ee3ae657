package io.debuggate.gateway.agents;

import io.debuggate.agent.protocol.DebugTool;
import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.OrderTokenSigner;
import io.debuggate.agent.protocol.SignedOrder;
import io.debuggate.gateway.targets.Target;
import java.time.Clock;

/** Issues the short-lived orders the agents obey: one per relay connection or heartbeat, re-used for pprof fetches. */
public class AgentOrders {

    private final OrderTokenSigner signer;
    private final AgentsProperties properties;
    private final Clock clock;
    private final ReusableOrders reusable = new ReusableOrders();

    public AgentOrders(OrderTokenSigner signer, AgentsProperties properties, Clock clock) {
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
    }

    public OrderToken order(Target target, String sessionId, String user, DebugTool tool) {
        return OrderToken.issue(properties.issuer(), target.agentId(), target.name(), sessionId, user, tool,
                clock, properties.orderTtl());
    }

    /** A signed pprof order, the same one for repeated fetches of a session within the first half of its lifetime. */
    public SignedOrder pprofOrder(Target target, String sessionId, String user) {
        return reusable.get(new ReusableOrders.Key(target.agentId(), target.name(), sessionId, user), clock.instant(),
                () -> SignedOrder.sign(order(target, sessionId, user, DebugTool.PPROF), signer));
    }

    public OrderTokenSigner signer() {
        return signer;
    }
}
