package io.debuggate.cli.connect;

import io.debuggate.cli.api.GatewayApi;
import io.debuggate.cli.config.GatewayAddress;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/** The gateway URLs of one session (the session id is the request id). */
public record SessionRoutes(GatewayAddress gateway, String sessionId) {

    public SessionRoutes {
        GatewayApi.checkedId(sessionId);
    }

    /** {@code profile} is an already validated pprof name (may be empty for the index); the query is passed raw. */
    public URI pprof(String profile, @Nullable String rawQuery) {
        return gateway.resolve("/api/sessions/" + sessionId + "/pprof/" + profile
                + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
    }

    public URI tunnel(Tool tool) {
        return gateway.resolveWebSocket("/api/sessions/" + sessionId + "/tunnel/" + tool.wireName());
    }
}
