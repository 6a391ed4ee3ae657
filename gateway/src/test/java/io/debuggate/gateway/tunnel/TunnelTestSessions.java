package io.debuggate.gateway.tunnel;

import io.debuggate.cli.api.BearerTokens;
import io.debuggate.gateway.support.GatewayClient;

/** Session helpers of the tunnel tests, for tests and benchmarks in other packages. */
public final class TunnelTestSessions {

    private TunnelTestSessions() {
    }

    /** Alice's dlv session in {@code mode}, signed by Bob and Carol. */
    public static String grantedDelveSession(GatewayClient gw, String mode) throws Exception {
        return DlvConnectThroughGatewayTest.grantedDelveSession(gw, mode);
    }

    public static BearerTokens tokens(GatewayClient gw, String user) {
        return DlvConnectThroughGatewayTest.tokens(gw, user);
    }
}
