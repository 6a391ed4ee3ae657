package io.debuggate.gateway.tunnel;

import io.debuggate.cli.api.BearerTokens;
import io.debuggate.gateway.support.GatewayClient;

/** Session helpers of the tunnel tests, for the benchmark in another package. */
public final class BenchSessions {

    private BenchSessions() {
    }

    public static String grantedInteractive(GatewayClient gw) throws Exception {
        return DlvConnectThroughGatewayTest.grantedDelveSession(gw, "interactive");
    }

    public static BearerTokens tokens(GatewayClient gw, String user) {
        return DlvConnectThroughGatewayTest.tokens(gw, user);
    }
}
