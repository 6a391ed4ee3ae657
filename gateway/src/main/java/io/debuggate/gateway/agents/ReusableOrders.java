package io.debuggate.gateway.agents;

import io.debuggate.agent.protocol.OrderToken;
import io.debuggate.agent.protocol.SignedOrder;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Signed orders that may be presented more than once (pprof), kept per agent, target, session and
 * user for the first half of their lifetime. Signing with the JDK's Ed25519 cost about 1.4 ms of
 * every small pprof fetch (and the agent's verify as much again, see the agent's VerifiedSignatures).
 * Re-use changes nothing an attacker could do: such an order is already valid for every fetch
 * until it expires, and the gateway checks the grant before each use. Relay and heartbeat orders
 * are single-use and never come from here.
 */
final class ReusableOrders {

    private static final int CAPACITY = 4096;

    record Key(String agentId, String target, String sessionId, String user) {
    }

    private final ConcurrentHashMap<Key, SignedOrder> current = new ConcurrentHashMap<>();

    SignedOrder get(Key key, Instant now, Supplier<SignedOrder> signFresh) {
        SignedOrder cached = current.get(key);
        if (cached != null && freshEnough(cached.order(), now)) {
            return cached;
        }
        SignedOrder fresh = signFresh.get();
        if (current.size() >= CAPACITY) {
            current.values().removeIf(o -> !freshEnough(o.order(), now));
            if (current.size() >= CAPACITY) {
                // Only a cache: starting over costs one signature per live session.
                current.clear();
            }
        }
        current.put(key, fresh);
        return fresh;
    }

    /** Handed out only in the first half of its lifetime, so the agent always gets at least half of it. */
    private static boolean freshEnough(OrderToken order, Instant now) {
        return now.isBefore(order.issuedAt().plus(order.ttl().dividedBy(2)));
    }
}
